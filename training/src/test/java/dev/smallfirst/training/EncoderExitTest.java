package dev.smallfirst.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.encoder.HeadMath;
import org.junit.jupiter.api.Test;

/**
 * The trainer's choice of {@code ensemble.exitConfidence}: the lowest member confidence at which
 * answering from the n-gram member alone keeps the calibration accuracy of encoding every text.
 */
class EncoderExitTest {
  // Two labels. The head is right on every row; the member is right and sure on rows 0-5, wrong
  // but sure (0.85) on row 6, and unsure on row 7.
  private static final float[][] HEAD = {
    {4, 0}, {4, 0}, {4, 0}, {0, 4}, {0, 4}, {0, 4}, {4, 0}, {0, 4}
  };
  private static final float[][] MEMBER = {
    {0.99f, 0.01f},
    {0.99f, 0.01f},
    {0.96f, 0.04f},
    {0.01f, 0.99f},
    {0.01f, 0.99f},
    {0.04f, 0.96f},
    {0.15f, 0.85f},
    {0.55f, 0.45f}
  };
  private static final int[] GOLD = {0, 0, 0, 1, 1, 1, 0, 1};

  @Test
  void shouldPickTheLowestConfidenceThatKeepsTheAccuracy() {
    // With a head weight of 0.9 the mix is right everywhere (1.0). Exiting at 0.5 or 0.8 lets
    // row 6's sure mistake through; 0.9 answers rows 0-5 from the member, all right.
    EncoderClassifierJob.Exit exit = EncoderClassifierJob.chooseExit(HEAD, MEMBER, 0.9, GOLD, 0, 0);
    assertThat(exit.confidence()).isEqualTo(0.9);
    assertThat(exit.share()).isEqualTo(6 / 8.0);
    assertThat(exit.accuracy()).isEqualTo(1.0);
    assertThat(exit.encodedAccuracy()).isEqualTo(1.0);
    // A tolerance of one row in eight accepts row 6's mistake at 0.6; 0.5 lets row 7's through too.
    assertThat(EncoderClassifierJob.chooseExit(HEAD, MEMBER, 0.9, GOLD, 0.13, 0).confidence())
        .isEqualTo(0.6);
    // Never below the least confidence asked for (the trainer's escalation threshold).
    assertThat(EncoderClassifierJob.chooseExit(HEAD, MEMBER, 0.9, GOLD, 0.13, 0.96).confidence())
        .isEqualTo(0.97);
  }

  @Test
  void shouldChooseNoExitWhenEveryExitCostsAccuracy() {
    float[][] unsure = new float[GOLD.length][];
    for (int i = 0; i < unsure.length; i++) {
      unsure[i] = new float[] {0.5f, 0.5f};
    }
    unsure[0] = new float[] {0.0005f, 0.9995f}; // sure and wrong: exits at every candidate
    assertThat(EncoderClassifierJob.chooseExit(HEAD, unsure, 0.9, GOLD, 0, 0)).isNull();
  }

  @Test
  void shouldScoreAnExitedRowAsTheMemberAloneAndTheRestAsTheMix() {
    float[][] z = EncoderClassifierJob.cascade(HEAD, MEMBER, 0.9, 0.9);
    double[] member = HeadMath.memberOnly(MEMBER[0]);
    assertThat(z[0][0]).isEqualTo((float) member[0]);
    double[] mix = HeadMath.mix(HEAD[7], MEMBER[7], 0.9);
    assertThat(z[7][1]).isEqualTo((float) mix[1]);
    assertThat(HeadMath.exits(MEMBER[6], 0.9)).isFalse();
    assertThat(HeadMath.exits(MEMBER[6], 0.85)).isTrue();
    assertThat(HeadMath.exits(null, 0.5)).isFalse();
  }
}
