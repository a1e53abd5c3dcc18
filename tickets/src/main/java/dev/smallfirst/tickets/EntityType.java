package dev.smallfirst.tickets;

/**
 * Kinds of entity the generator plants in tickets; the extract stage's labels are the names. The
 * Bitext customer-support types ({@code order_id}, {@code invoice_id}, {@code person_name}, {@code
 * refund_amount}, {@code delivery_city}, {@code delivery_country}, {@code account_type}) upper
 * case, plus the generator's own (e-mail, amount, date, product).
 */
public enum EntityType {
  ORDER_ID,
  INVOICE_ID,
  EMAIL,
  AMOUNT,
  REFUND_AMOUNT,
  DATE,
  PRODUCT,
  PERSON_NAME,
  DELIVERY_CITY,
  DELIVERY_COUNTRY,
  ACCOUNT_TYPE
}
