package dev.smallfirst.frontier.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.frontier.testing.FakeProvider.Reply;

/**
 * Response bodies exactly as the providers' APIs define them: Anthropic Messages ({@code type:
 * message}, {@code content[]}, {@code usage.input_tokens/output_tokens}, errors as {@code
 * {"type":"error","error":{"type":...}}}) and OpenAI Chat Completions ({@code choices[]}, {@code
 * usage.prompt_tokens/completion_tokens}, errors as {@code {"error":{"message","type","code"}}}).
 */
public final class Wire {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Wire() {}

  public static Reply anthropicMessage(String text, long in, long out) {
    return anthropicMessage(text, in, out, "end_turn");
  }

  public static Reply anthropicMessage(String text, long in, long out, String stopReason) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", "msg_01XFDUDYJgAACzvnptvVoYEL");
    m.put("type", "message");
    m.put("role", "assistant");
    m.put("model", "claude-sonnet-4-5-20250929");
    ArrayNode content = m.putArray("content");
    content.addObject().put("type", "text").put("text", text);
    m.put("stop_reason", stopReason);
    m.putNull("stop_sequence");
    ObjectNode usage = m.putObject("usage");
    usage.put("input_tokens", in);
    usage.put("output_tokens", out);
    usage.put("cache_creation_input_tokens", 0);
    usage.put("cache_read_input_tokens", 0);
    return Reply.json(200, m.toString()).withHeader("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy");
  }

  public static Reply anthropicError(int status, String type, String message) {
    ObjectNode e = JSON.createObjectNode();
    e.put("type", "error");
    e.putObject("error").put("type", type).put("message", message);
    e.put("request_id", "req_011CSHoEeqs5C35K2UUqR7Fy");
    return Reply.json(status, e.toString())
        .withHeader("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy");
  }

  public static Reply openAiCompletion(String text, long prompt, long completion) {
    return openAiCompletion(text, prompt, completion, "stop");
  }

  public static Reply openAiCompletion(
      String text, long prompt, long completion, String finishReason) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG");
    c.put("object", "chat.completion");
    c.put("created", 1741570283L);
    c.put("model", "gpt-4o-2024-08-06");
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", text);
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    ObjectNode usage = c.putObject("usage");
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    c.put("service_tier", "default");
    c.putNull("system_fingerprint");
    return Reply.json(200, c.toString()).withHeader("x-request-id", "req_5f1c0d2e");
  }

  public static Reply openAiError(int status, String message, String type, String code) {
    ObjectNode e = JSON.createObjectNode();
    ObjectNode err = e.putObject("error");
    err.put("message", message);
    err.put("type", type);
    err.putNull("param");
    err.put("code", code);
    return Reply.json(status, e.toString());
  }
}
