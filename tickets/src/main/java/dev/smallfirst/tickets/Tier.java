package dev.smallfirst.tickets;

/** The customer's plan. */
public enum Tier {
  FREE,
  STANDARD,
  PREMIUM,
  ENTERPRISE
}
