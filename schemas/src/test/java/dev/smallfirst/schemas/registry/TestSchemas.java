package dev.smallfirst.schemas.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Small hand-made Avro schemas for registry tests: a first version and two evolutions. */
public final class TestSchemas {

  /** {@code Order{id}}. */
  public static final Schema ORDER_V1 =
      SchemaBuilder.record("Order").namespace("test").fields().requiredString("id").endRecord();

  /** Adds {@code note} with a default: backward compatible with {@link #ORDER_V1}. */
  public static final Schema ORDER_V2_WITH_DEFAULT =
      SchemaBuilder.record("Order")
          .namespace("test")
          .fields()
          .requiredString("id")
          .name("note")
          .type()
          .stringType()
          .stringDefault("")
          .endRecord();

  /** Adds {@code amount} without a default: not backward compatible with {@link #ORDER_V1}. */
  public static final Schema ORDER_V2_WITHOUT_DEFAULT =
      SchemaBuilder.record("Order")
          .namespace("test")
          .fields()
          .requiredString("id")
          .requiredLong("amount")
          .endRecord();

  private TestSchemas() {}
}
