package dev.smallfirst.topology.routing;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.smallfirst.records.EscalationReason;
import java.util.Set;
import java.util.function.Function;

/**
 * A set of enum symbols (empty unless configured): an input whose {@code symbol} is known and in it
 * escalates.
 *
 * @param <E> the enum
 */
record SetRule<E extends Enum<E>>(
    String key, EscalationReason reason, Class<E> symbols, Function<RoutingInput, E> symbol)
    implements Rule<Set<E>> {

  @Override
  public Set<E> builtIn() {
    return Set.of();
  }

  @Override
  public JavaType type(TypeFactory types) {
    return types.constructCollectionType(Set.class, symbols);
  }

  @Override
  public Set<E> normalize(Set<E> value) {
    return Set.copyOf(value);
  }

  @Override
  public boolean escalates(RoutingInput input, Set<E> configured) {
    E actual = symbol.apply(input);
    return actual != null && configured.contains(actual);
  }
}
