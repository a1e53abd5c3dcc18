package dev.smallfirst.schemas.registry;

import static dev.smallfirst.schemas.registry.RegistrySettings.BASIC_AUTH_USER_INFO_CONFIG;
import static dev.smallfirst.schemas.registry.RegistrySettings.BEARER_AUTH_TOKEN_CONFIG;
import static dev.smallfirst.schemas.registry.RegistrySettings.URL_CONFIG;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** Checks of single setting values; every message names the key and never echoes a secret. */
final class SettingsValidation {

  private SettingsValidation() {}

  static URI parseUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(URL_CONFIG + ": required, e.g. http://127.0.0.1:8081");
    }
    if (url.contains(",")) {
      throw new IllegalArgumentException(
          URL_CONFIG + ": exactly one URL is supported, got '" + url.strip() + "'");
    }
    try {
      return new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          URL_CONFIG + ": must be an http(s) URL, got '" + url + "' (" + e.getReason() + ")", e);
    }
  }

  /** Returns the URL without trailing slashes, so that API paths can be appended. */
  static URI baseUrl(URI url) {
    if (url == null) {
      throw new IllegalArgumentException(URL_CONFIG + ": required, e.g. http://127.0.0.1:8081");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          URL_CONFIG
              + ": must not contain credentials (host "
              + url.getHost()
              + "); set "
              + BASIC_AUTH_USER_INFO_CONFIG
              + " instead");
    }
    String scheme = url.getScheme();
    boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    if (!http
        || url.getHost() == null
        || url.getRawQuery() != null
        || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          URL_CONFIG + ": must be an http(s) URL, got '" + url + "'");
    }
    String text = url.toString();
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '/') {
      end--;
    }
    return URI.create(text.substring(0, end));
  }

  static void userInfo(String userInfo) {
    int colon = userInfo.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          BASIC_AUTH_USER_INFO_CONFIG + ": must have the form user:password");
    }
  }

  static void bearerToken(String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException(BEARER_AUTH_TOKEN_CONFIG + ": must not be blank");
    }
  }

  static void positive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + ": must be > 0 ms, got " + millis(value));
    }
  }

  static void notNegative(String key, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(key + ": must be >= 0 ms, got " + millis(value));
    }
  }

  static String maskUserInfo(String userInfo) {
    int colon = userInfo.indexOf(':');
    return (colon < 0 ? userInfo : userInfo.substring(0, colon)) + ":****";
  }

  private static String millis(Duration value) {
    return value == null ? "null" : value.toMillis() + " ms";
  }
}
