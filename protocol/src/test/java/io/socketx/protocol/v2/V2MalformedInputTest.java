package io.socketx.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every malformed input a v2 session can receive fails with the error the spec names. */
class V2MalformedInputTest {

  private static ByteBuffer hello(Suite suite) {
    return V2Fixture.copy(
        new ClientSession(
                ClientSettings.of(suite, "/", Pins.of(V2Fixture.PROXY.fingerprint())),
                V2Fixture.entropy("malformed"))
            .start());
  }

  private static byte[] edit(ByteBuffer record, UnaryOperator<byte[]> change) {
    return change.apply(V2Fixture.bytes(record));
  }

  private static byte[] set(byte[] b, int index, int value) {
    b[index] = (byte) value;
    return b;
  }

  static Stream<Arguments> recordsTheProxyRefusesFirst() {
    ByteBuffer mlkem = hello(Suite.X25519_MLKEM768);
    ByteBuffer x25519 = hello(Suite.X25519);
    int share = 7 + 2 + 8;
    return Stream.of(
        Arguments.of("empty", new byte[0], ProtocolError.MALFORMED_RECORD),
        Arguments.of(
            "6 bytes", HexFormat.of().parseHex("53434b580201"), ProtocolError.MALFORMED_RECORD),
        Arguments.of("bad magic", edit(mlkem, b -> set(b, 0, 'X')), ProtocolError.BAD_MAGIC),
        Arguments.of("v1 record", edit(mlkem, b -> set(b, 4, 1)), ProtocolError.BAD_VERSION),
        Arguments.of("type 0", edit(mlkem, b -> set(b, 5, 0)), ProtocolError.UNKNOWN_ACTION),
        Arguments.of("type 8", edit(mlkem, b -> set(b, 5, 8)), ProtocolError.UNKNOWN_ACTION),
        Arguments.of(
            "text hello", edit(mlkem, b -> set(b, 6, 0)), ProtocolError.UNKNOWN_MESSAGE_TYPE),
        Arguments.of(
            "type 7 msg", edit(mlkem, b -> set(b, 6, 7)), ProtocolError.UNKNOWN_MESSAGE_TYPE),
        Arguments.of(
            "data first",
            edit(mlkem, b -> set(set(b, 5, 5), 6, 1)),
            ProtocolError.UNEXPECTED_ACTION),
        Arguments.of(
            "finished first", edit(mlkem, b -> set(b, 5, 3)), ProtocolError.UNEXPECTED_ACTION),
        Arguments.of(
            "one byte short",
            edit(mlkem, b -> Arrays.copyOf(b, b.length - 1)),
            ProtocolError.MALFORMED_RECORD),
        Arguments.of(
            "one byte long",
            edit(mlkem, b -> Arrays.copyOf(b, b.length + 1)),
            ProtocolError.MALFORMED_RECORD),
        Arguments.of(
            "no hint count", edit(mlkem, b -> Arrays.copyOf(b, 8)), ProtocolError.MALFORMED_RECORD),
        Arguments.of("suite 4", edit(mlkem, b -> set(b, 7, 4)), ProtocolError.NO_COMMON_SUITE),
        Arguments.of("9 hints", edit(mlkem, b -> set(b, 8, 9)), ProtocolError.MALFORMED_RECORD),
        Arguments.of(
            "hint count off", edit(mlkem, b -> set(b, 8, 2)), ProtocolError.MALFORMED_RECORD),
        Arguments.of(
            "suite mislabeled", edit(mlkem, b -> set(b, 7, 3)), ProtocolError.MALFORMED_RECORD),
        Arguments.of(
            "x25519 zero point", edit(x25519, b -> zero(b, share, 32)), ProtocolError.INVALID_KEY),
        Arguments.of(
            "mlkem coefficient ≥ q",
            edit(mlkem, b -> set(set(b, share + 32, 0xff), share + 33, 0x0f)),
            ProtocolError.INVALID_KEY));
  }

  private static byte[] zero(byte[] b, int from, int length) {
    Arrays.fill(b, from, from + length, (byte) 0);
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordsTheProxyRefusesFirst")
  void proxyRefusesAMalformedFirstRecord(String name, byte[] record, ProtocolError error) {
    ServerSession server =
        new ServerSession(
            ServerSettings.of(Suite.X25519, IdentityKeys.of(V2Fixture.PROXY)),
            V2Fixture.entropy("proxy"));

    assertThatThrownBy(() -> server.receive(ByteBuffer.wrap(record)))
        .isInstanceOf(ProtocolException.class)
        .extracting(e -> ((ProtocolException) e).error())
        .isEqualTo(error);
    assertThatThrownBy(() -> server.receive(hello(Suite.X25519)))
        .as("nothing is accepted after an error")
        .extracting(e -> ((ProtocolException) e).error())
        .isEqualTo(ProtocolError.UNEXPECTED_ACTION);
  }

  @Test
  void proxyRefusesASuiteBelowItsMinimumNamingTheFix() {
    ServerSession server =
        new ServerSession(
            ServerSettings.of(Suite.X25519_MLKEM768, IdentityKeys.of(V2Fixture.PROXY)),
            V2Fixture.entropy("proxy"));

    assertThatThrownBy(() -> server.receive(hello(Suite.X25519_MLKEM512)))
        .hasMessageContaining("below the proxy's minimum x25519-mlkem768")
        .extracting(e -> ((ProtocolException) e).error())
        .isEqualTo(ProtocolError.SUITE_BELOW_MINIMUM);
  }

  static Stream<Arguments> serverHellosTheClientRefuses() throws ProtocolException {
    V2Fixture pair = V2Fixture.pinned(Suite.X25519_MLKEM768);
    pair.clientHello = pair.client.start();
    ByteBuffer sh = ((Event.Reply) pair.server.receive(pair.clientHello)).record();
    int x = 7 + 1 + 16;
    return Stream.of(
        Arguments.of(
            "short", edit(sh, b -> Arrays.copyOf(b, b.length - 1)), ProtocolError.MALFORMED_RECORD),
        Arguments.of("other suite", edit(sh, b -> set(b, 7, 3)), ProtocolError.SUITE_BELOW_MINIMUM),
        Arguments.of("x25519 zero point", edit(sh, b -> zero(b, x, 32)), ProtocolError.INVALID_KEY),
        Arguments.of(
            "ciphertext changed",
            edit(sh, b -> set(b, x + 40, b[x + 40] ^ 1)),
            ProtocolError.AUTHENTICATION_FAILED),
        Arguments.of(
            "tag changed",
            edit(sh, b -> set(b, b.length - 1, b[b.length - 1] ^ 1)),
            ProtocolError.AUTHENTICATION_FAILED),
        Arguments.of(
            "eeid changed",
            edit(sh, b -> set(b, 10, b[10] ^ 1)),
            ProtocolError.AUTHENTICATION_FAILED),
        Arguments.of(
            "data instead",
            edit(sh, b -> set(set(b, 5, 5), 6, 0)),
            ProtocolError.UNEXPECTED_ACTION));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverHellosTheClientRefuses")
  void clientRefusesAMalformedServerHello(String name, byte[] record, ProtocolError error) {
    ClientSession client =
        new ClientSession(
            ClientSettings.of(
                Suite.X25519_MLKEM768, V2Fixture.PATHNAME, Pins.of(V2Fixture.PROXY.fingerprint())),
            V2Fixture.entropy(Suite.X25519_MLKEM768.wireName() + "/client"));
    client.start();

    assertThatThrownBy(() -> client.receive(ByteBuffer.wrap(record)))
        .isInstanceOf(ProtocolException.class)
        .extracting(e -> ((ProtocolException) e).error())
        .isEqualTo(error);
    assertThat(client.canSend()).isFalse();
  }

  @Test
  void encryptedRecordsShorterThanTheirOverheadAreMalformed() throws Exception {
    V2Fixture pair = V2Fixture.pinned(Suite.X25519).open();
    byte[] cut = Arrays.copyOf(V2Fixture.bytes(V2Fixture.data(pair.client, "")), 30);

    assertThatThrownBy(() -> pair.server.receive(ByteBuffer.wrap(cut)))
        .extracting(e -> ((ProtocolException) e).error())
        .isEqualTo(ProtocolError.MALFORMED_RECORD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "00", "0203e8", "00ffff"})
  void closeBodiesThatBreakTheFormatAreMalformed(String hex) {
    ByteBuffer body =
        ByteBuffer.wrap(HexFormat.of().parseHex(hex.equals("00ffff") ? "0003e8ff" : hex));

    assertThatThrownBy(() -> CloseNotice.decode(body))
        .extracting(e -> ((ProtocolException) e).error())
        .isEqualTo(ProtocolError.MALFORMED_RECORD);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/a/../b",
        "/..",
        "/%2e%2e/x",
        "/%2E./x",
        "/./x",
        "/a/.",
        "chat",
        "//evil",
        "/a b",
        "/a#b",
        "/a/..%2f..%2fother",
        "/a%2Fb",
        "/a/..%5c..%5cother",
        "/a\\..\\other"
      })
  void pathnamesThatCouldEscapeTheRouteOrAreMalformedAreRefused(String pathname) {
    assertThat(UpstreamPathname.problem(pathname)).isNotNull();
    assertThatThrownBy(
            () -> ClientSettings.of(Suite.X25519, pathname, Pins.of(V2Fixture.PROXY.fingerprint())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/a/b",
        "/a/..b/c",
        "/a/b?x=../y",
        "/.well-known/x",
        "/a/...?q",
        "/a?next=%2Fhome"
      })
  void ordinaryPathnamesPass(String pathname) {
    assertThat(UpstreamPathname.problem(pathname)).isNull();
  }
}
