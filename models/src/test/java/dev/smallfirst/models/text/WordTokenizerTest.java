package dev.smallfirst.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {

  @Test
  void shouldSplitWordsNumbersAndSymbolsWithOffsets() {
    List<WordTokenizer.Token> t = WordTokenizer.tokenize("Didn't get #A-12 at 7pm!");
    assertThat(t)
        .extracting(WordTokenizer.Token::text)
        .containsExactly("Didn't", "get", "#", "A", "-", "12", "at", "7", "pm", "!");
    assertThat(t.get(5).start()).isEqualTo(14);
    assertThat(t.get(5).end()).isEqualTo(16);
  }

  @Property
  void tokensShouldCoverEveryNonSpaceCharacterInOrder(@ForAll String text) {
    List<WordTokenizer.Token> tokens = WordTokenizer.tokenize(text);
    StringBuilder joined = new StringBuilder();
    int last = 0;
    for (WordTokenizer.Token tok : tokens) {
      assertThat(tok.start()).isGreaterThanOrEqualTo(last);
      assertThat(text.substring(tok.start(), tok.end())).isEqualTo(tok.text());
      joined.append(tok.text());
      last = tok.end();
    }
    String expected =
        text.codePoints()
            .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    assertThat(joined.toString()).isEqualTo(expected);
  }
}
