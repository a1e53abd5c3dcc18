package dev.smallfirst.models.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.models.ModelLoadException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeighboursTest {

  @Test
  void shouldAverageTheSimilaritiesOfTheKNearestRows() {
    Neighbours n = new Neighbours(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.6f, 0.8f, 0}});
    float[] q = {1, 0, 0};
    assertThat(n.meanNearest(q, 1)).isCloseTo(1.0, within(1e-6));
    assertThat(n.meanNearest(q, 2)).isCloseTo((1 + 0.6) / 2, within(1e-6));
    assertThat(n.meanNearest(q, 10)).isCloseTo((1 + 0.6 + 0 + 0) / 4, within(1e-6));
  }

  @Test
  void shouldRoundTripInt8RowsAsUnitVectorsAndRefuseAFileOfAnotherSize(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve(Neighbours.FILE);
    Int8Rows.write(file, new float[][] {{3, 4}, {-1, 0}});

    float[][] rows = Int8Rows.read(file, 2, 2, "neighbours");
    assertThat(rows[0][0]).isCloseTo(0.6f, within(0.01f));
    assertThat(rows[0][1]).isCloseTo(0.8f, within(0.01f));
    assertThat(rows[1]).containsExactly(-1f, 0f);
    assertThatThrownBy(() -> Int8Rows.read(file, 3, 2, "neighbours"))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("3 entries of dimension 2");
  }
}
