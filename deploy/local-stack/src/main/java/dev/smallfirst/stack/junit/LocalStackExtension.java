package dev.smallfirst.stack.junit;

import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.StackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that shares one {@link LocalStack} per test JVM: started by the first test
 * class that asks for it, stopped when the whole run ends. Inject it as a parameter.
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class RoundTripIT {
 *   @Test
 *   void shouldRoundTrip(LocalStack stack) { ... }
 * }
 * }</pre>
 */
public final class LocalStackExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalStackExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  /** The stack of this test JVM, started on first use. */
  public static LocalStack shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            StackResource.class, key -> StackResource.start(), StackResource.class)
        .stack();
  }

  /** Closes the shared stack when JUnit closes the root store at the end of the run. */
  @SuppressWarnings("deprecation") // CloseableResource keeps this working on JUnit 5.x before 5.13
  private record StackResource(LocalStack stack)
      implements ExtensionContext.Store.CloseableResource {
    static StackResource start() {
      try {
        return new StackResource(LocalStack.start(StackSettings.defaults()));
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the local Kafka + registry stack", e);
      }
    }

    @Override
    public void close() {
      stack.close();
    }
  }
}
