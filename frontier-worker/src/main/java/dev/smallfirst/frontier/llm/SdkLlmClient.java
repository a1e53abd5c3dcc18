package dev.smallfirst.frontier.llm;

/**
 * What the SDK-backed clients share: the provider's name, the configured model and closing the SDK.
 * Subclasses implement {@link #complete}. Thread-safe when the SDK is.
 */
public abstract class SdkLlmClient implements LlmClient {
  private final ProviderKind kind;
  private final String model;
  private final Runnable closeSdk;

  protected SdkLlmClient(ProviderKind kind, String model, Runnable closeSdk) {
    this.kind = kind;
    this.model = model;
    this.closeSdk = closeSdk;
  }

  @Override
  public final String provider() {
    return kind.resultName();
  }

  @Override
  public final String model() {
    return model;
  }

  @Override
  public final void close() {
    closeSdk.run();
  }
}
