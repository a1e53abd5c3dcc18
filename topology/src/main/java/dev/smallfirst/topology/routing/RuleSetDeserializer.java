package dev.smallfirst.topology.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;

/**
 * Reads one policy layer: an object whose keys are {@link Rule} keys, each value read with its
 * rule's type. Errors carry the path of the offending key, like any Jackson binding error; an
 * unknown key is rejected when the mapper fails on unknown properties. A null value sets nothing.
 */
final class RuleSetDeserializer extends StdDeserializer<RuleSet> {
  private static final long serialVersionUID = 1L;

  RuleSetDeserializer() {
    super(RuleSet.class);
  }

  @Override
  public RuleSet deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() == JsonToken.START_OBJECT) {
      p.nextToken();
    } else if (p.currentToken() != JsonToken.FIELD_NAME
        && p.currentToken() != JsonToken.END_OBJECT) {
      return (RuleSet) ctxt.handleUnexpectedToken(RuleSet.class, p);
    }
    RuleSet.Builder layer = new RuleSet.Builder();
    for (; p.currentToken() == JsonToken.FIELD_NAME; p.nextToken()) {
      String key = p.currentName();
      p.nextToken();
      Rule<?> rule = Rules.byKey(key);
      if (rule == null) {
        ctxt.handleUnknownProperty(p, this, RuleSet.class, key);
      } else if (p.currentToken() != JsonToken.VALUE_NULL) {
        read(layer, rule, p, ctxt);
      }
    }
    return layer.build();
  }

  @Override
  public Collection<Object> getKnownPropertyNames() {
    return new ArrayList<>(Rules.keys());
  }

  private static <T> void read(
      RuleSet.Builder layer, Rule<T> rule, JsonParser p, DeserializationContext ctxt)
      throws IOException {
    try {
      T value = ctxt.readValue(p, rule.type(ctxt.getTypeFactory()));
      layer.set(rule, value);
    } catch (JsonMappingException e) {
      throw JsonMappingException.wrapWithPath(e, RuleSet.class, rule.key());
    } catch (RuntimeException e) {
      throw JsonMappingException.wrapWithPath(
          JsonMappingException.from(p, "unusable value: " + e, e), RuleSet.class, rule.key());
    }
  }
}
