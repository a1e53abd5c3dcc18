package dev.smallfirst.tickets;

/** Who reads the reply first: the customer directly, or an agent who reviews it. */
public enum Audience {
  CUSTOMER,
  AGENT
}
