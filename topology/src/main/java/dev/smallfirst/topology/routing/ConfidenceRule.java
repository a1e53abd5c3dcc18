package dev.smallfirst.topology.routing;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.smallfirst.records.EscalationReason;
import java.util.function.Function;

/**
 * A minimum confidence in [0, 1] ({@code builtIn} unless configured): an input whose {@code
 * confidence} is known and below it escalates. An unknown confidence (the stage is missing) does
 * not. The deployed models' manifests set it ({@link ModelPolicy}).
 */
record ConfidenceRule(
    String key, EscalationReason reason, Double builtIn, Function<RoutingInput, Double> confidence)
    implements Rule<Double> {

  @Override
  public JavaType type(TypeFactory types) {
    return types.constructType(Double.class);
  }

  @Override
  public boolean escalates(RoutingInput input, Double minimum) {
    Double actual = confidence.apply(input);
    return actual != null && actual < minimum;
  }

  @Override
  public void validate(String path, Double value) throws InvalidPolicyException {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new InvalidPolicyException(path + ": must be within [0, 1], got " + value);
    }
  }
}
