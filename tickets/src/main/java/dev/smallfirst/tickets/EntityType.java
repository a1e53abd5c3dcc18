package dev.smallfirst.tickets;

/** Kinds of entity the generator plants in tickets; the extract stage's labels are the names. */
public enum EntityType {
  ORDER_ID,
  EMAIL,
  AMOUNT,
  DATE,
  PRODUCT,
  PERSON
}
