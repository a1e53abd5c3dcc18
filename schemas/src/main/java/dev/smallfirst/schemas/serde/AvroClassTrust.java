package dev.smallfirst.schemas.serde;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Registers the packages of a serde's record classes with Avro's global {@link
 * ClassSecurityValidator}, which since Avro 1.12.2 refuses to instantiate untrusted classes on
 * read. Composes with whatever predicate is installed, so classes trusted before stay trusted.
 * Thread-safe.
 */
final class AvroClassTrust {

  private static final Set<String> PACKAGES = ConcurrentHashMap.newKeySet();
  private static final ClassSecurityPredicate TRUSTED_PACKAGES =
      type -> PACKAGES.contains(type.getPackageName());

  /** The composite this class installed last; guarded by the class lock. */
  private static ClassSecurityPredicate installed;

  private AvroClassTrust() {}

  /** Trusts the package of {@code type} and the namespaces of the named types in its schema. */
  static synchronized void trust(Class<?> type, Schema schema) {
    PACKAGES.add(type.getPackageName());
    collectNamespaces(schema, new HashSet<>());
    ClassSecurityPredicate global = ClassSecurityValidator.getGlobal();
    if (global != installed) {
      installed = ClassSecurityValidator.composite(global, TRUSTED_PACKAGES);
      ClassSecurityValidator.setGlobal(installed);
    }
  }

  /** Whether {@code type} is trusted by this class's own predicate (not by others). */
  static boolean trusts(Class<?> type) {
    return TRUSTED_PACKAGES.isTrusted(type);
  }

  private static void collectNamespaces(Schema schema, Set<String> visited) {
    switch (schema.getType()) {
      case RECORD -> {
        if (visited.add(schema.getFullName())) {
          addNamespace(schema);
          schema.getFields().forEach(field -> collectNamespaces(field.schema(), visited));
        }
      }
      case ENUM, FIXED -> addNamespace(schema);
      case ARRAY -> collectNamespaces(schema.getElementType(), visited);
      case MAP -> collectNamespaces(schema.getValueType(), visited);
      case UNION -> schema.getTypes().forEach(branch -> collectNamespaces(branch, visited));
      default -> {
        // Primitive types name no class.
      }
    }
  }

  private static void addNamespace(Schema schema) {
    String namespace = schema.getNamespace();
    // An empty namespace would trust the whole unnamed package.
    if (namespace != null && !namespace.isEmpty()) {
      PACKAGES.add(namespace);
    }
  }
}
