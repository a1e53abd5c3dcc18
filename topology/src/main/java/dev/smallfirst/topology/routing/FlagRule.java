package dev.smallfirst.topology.routing;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.smallfirst.records.EscalationReason;
import java.util.function.Predicate;

/** A rule switched on or off: when on, it escalates every input {@code applies} to. */
record FlagRule(
    String key, EscalationReason reason, Boolean builtIn, Predicate<RoutingInput> applies)
    implements Rule<Boolean> {

  @Override
  public JavaType type(TypeFactory types) {
    return types.constructType(Boolean.class);
  }

  @Override
  public boolean escalates(RoutingInput input, Boolean on) {
    return on && applies.test(input);
  }
}
