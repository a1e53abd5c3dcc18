package dev.smallfirst.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class WireFormatTest {

  @Property
  void shouldRoundTripAnySchemaIdAndPayload(
      @ForAll int schemaId, @ForAll @Size(max = 300) byte[] payload) {
    // When
    WireFormat.Framed framed = WireFormat.parse(WireFormat.frame(schemaId, payload));

    // Then
    assertThat(framed.schemaId()).isEqualTo(schemaId);
    assertThat(framed.payload()).isEqualTo(ByteBuffer.wrap(payload));
  }

  @Property
  void shouldRejectUnknownMagicByte(@ForAll byte magic, @ForAll @Size(max = 20) byte[] rest) {
    // Given
    byte first = magic == 0 ? 1 : magic;
    byte[] data = ByteBuffer.allocate(1 + rest.length).put(first).put(rest).array();

    // When / Then
    assertThatThrownBy(() -> WireFormat.parse(data))
        .isInstanceOfSatisfying(
            UnknownMagicByteException.class, e -> assertThat(e.found()).isEqualTo(first))
        .hasMessageContaining(String.format("0x%02x", first))
        .hasMessageContaining("starts with 0x00");
  }

  @Example
  void shouldFrameWithBigEndianSchemaId() {
    // When
    byte[] framed = WireFormat.frame(0x01020304, new byte[] {9, 8});

    // Then
    assertThat(framed).containsExactly(0, 1, 2, 3, 4, 9, 8);
  }

  @Example
  void shouldRejectEmptyData() {
    assertThatThrownBy(() -> WireFormat.parse(new byte[0]))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("at least 5 bytes")
        .hasMessageContaining("got 0");
  }

  @Example
  void shouldRejectNullData() {
    assertThatThrownBy(() -> WireFormat.parse(null)).isInstanceOf(MalformedPayloadException.class);
  }

  @Example
  void shouldRejectDataShorterThanTheHeader() {
    assertThatThrownBy(() -> WireFormat.parse(new byte[] {0, 0, 0, 1}))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("got 4");
  }

  @Example
  void shouldAcceptHeaderWithEmptyBody() {
    // When
    WireFormat.Framed framed = WireFormat.parse(new byte[] {0, 0, 0, 0, 7});

    // Then
    assertThat(framed.schemaId()).isEqualTo(7);
    assertThat(framed.payload().remaining()).isZero();
  }
}
