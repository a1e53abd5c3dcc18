package dev.smallfirst.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context of the registry client from a configured truststore. */
final class TlsContexts {

  private TlsContexts() {}

  static SSLContext fromTrustStore(TrustStore store) {
    try (InputStream in = Files.newInputStream(store.location())) {
      KeyStore keyStore = KeyStore.getInstance(store.type());
      keyStore.load(in, store.password() == null ? null : store.password().toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(keyStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          RegistrySettings.TRUSTSTORE_LOCATION_CONFIG
              + ": cannot load "
              + store.type()
              + " truststore '"
              + store.location()
              + "': "
              + e,
          e);
    }
  }
}
