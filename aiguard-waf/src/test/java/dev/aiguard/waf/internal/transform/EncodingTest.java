package dev.aiguard.waf.internal.transform;

import static dev.aiguard.waf.internal.transform.ByteStringFixtures.apply;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Base64, hex, SQL hex, digests and parity. */
class EncodingTest {

    static Stream<Arguments> base64Decode() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("VGVzdENhc2U=", "TestCase"),
                Arguments.of("VGVzdENhc2Ux", "TestCase1"),
                Arguments.of("VGVzdENhc2UxMg==", "TestCase12"),
                Arguments.of("VGVzdABDYXNl", "Test\0Case"),
                Arguments.of("VGVzdENhc2U=\0VGVzdENhc2U=", "TestCase"),
                Arguments.of("VGVzdA", "Tes"),
                Arguments.of("VGVz dA==", ""),
                Arguments.of("VGVz\r\ndA==", "Test"),
                Arguments.of("VGVz\ndA==\n", "Test"),
                Arguments.of("VGVzdA==  ", "Test"),
                Arguments.of("VGVz  \r\ndA==", "Test"),
                Arguments.of("VG%zdA==", ""),
                Arguments.of("QQ=", ""),
                Arguments.of("QQ==QQ==", ""),
                Arguments.of("QQ===", ""),
                Arguments.of("a-_b", ""),
                Arguments.of("VGVz\rdA==", ""),
                Arguments.of("eyJhIjoiYiJ9", "{\"a\":\"b\"}"),
                Arguments.of("AP8=", "\0\377"));
    }

    @ParameterizedTest
    @MethodSource("base64Decode")
    void base64DecodeIsStrictAllOrNothing(String input, String expected) {
        assertThat(apply("base64Decode", input)).isEqualTo(expected);
    }

    static Stream<Arguments> base64DecodeExt() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("dzBzV==YWxlcnQoMSk=", ""),
                Arguments.of("eyJwIjoieHh-IiwiYWxnIjoibm9uZSIsInR5cCI6IkpXVCJ9",
                        "{\"p\":\"xx~\",\"alg\":\"none\",\"typ\":\"JWT\"}"),
                Arguments.of("VGVz dA==", "Test"),
                Arguments.of("VG.Vz.dA", "Test"),
                Arguments.of("VGVzdA", "Test"),
                Arguments.of("VGVzdENhc2U=\0VGVz", "TestCase"),
                Arguments.of("QUJDR", "ABC"),
                Arguments.of("QUJDR=", ""),
                Arguments.of("QUJDR==", ""),
                Arguments.of("QUJDRA==", "ABCD"),
                Arguments.of("_w", "\377"));
    }

    @ParameterizedTest
    @MethodSource("base64DecodeExt")
    void base64DecodeExtSkipsInvalidCharacters(String input, String expected) {
        assertThat(apply("base64DecodeExt", input)).isEqualTo(expected);
    }

    static Stream<Arguments> encoders() {
        return Stream.of(
                Arguments.of("base64Encode", "", ""),
                Arguments.of("base64Encode", "TestCase", "VGVzdENhc2U="),
                Arguments.of("base64Encode", "TestCase1", "VGVzdENhc2Ux"),
                Arguments.of("base64Encode", "TestCase12", "VGVzdENhc2UxMg=="),
                Arguments.of("base64Encode", "\0\377", "AP8="),
                Arguments.of("hexEncode", "", ""),
                Arguments.of("hexEncode", "TestCase", "5465737443617365"),
                Arguments.of("hexEncode", "\0\377\n", "00ff0a"),
                Arguments.of("hexDecode", "5465737443617365", "TestCase"),
                Arguments.of("hexDecode", "546573740043617365", "Test\0Case"),
                Arguments.of("hexDecode", "414", "A"),
                Arguments.of("hexDecode", "4A4a", "JJ"),
                Arguments.of("hexDecode", "0z", "#"),
                Arguments.of("hexDecode", "01234567890a0z01234567890a",
                        "\001#Eg\211\n#\001#Eg\211\n"),
                Arguments.of("hexDecode", "01234567890az", "\001#Eg\211\n"),
                Arguments.of("hexDecode", "", ""),
                Arguments.of("sqlHexDecode", "0x414243", "ABC"),
                Arguments.of("sqlHexDecode", "ABC", "ABC"),
                Arguments.of("sqlHexDecode", "00x414243", "0ABC"),
                Arguments.of("sqlHexDecode", "0xz0x414243", "0xzABC"),
                Arguments.of("sqlHexDecode", "0x4142430x434241", "ABCCBA"),
                Arguments.of("sqlHexDecode", "0x4142430x0x434241", "ABC0xCBA"),
                Arguments.of("sqlHexDecode", "0X41", "A"),
                Arguments.of("sqlHexDecode", "0x414", "A4"),
                Arguments.of("sqlHexDecode", "0x", "0x"),
                Arguments.of("sqlHexDecode", "0x4", "0x4"));
    }

    @ParameterizedTest
    @MethodSource("encoders")
    void encodersAndDecoders(String name, String input, String expected) {
        assertThat(apply(name, input)).isEqualTo(expected);
    }

    static Stream<Arguments> digests() {
        return Stream.of(
                Arguments.of("sha1", "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
                Arguments.of("sha1", "TestCase", "a70ce38389e318bd2be18a0111c6dc76bd2cd9ed"),
                Arguments.of("sha1", "\0\377", "aa3e5dcdd77b153f2e59bd0d8794fde33cb4e486"),
                Arguments.of("md5", "", "d41d8cd98f00b204e9800998ecf8427e"),
                Arguments.of("md5", "TestCase", "c9aba2c3e60126169e80e9a26ba273c1"),
                Arguments.of("md5", "\0\377", "d07d34efac6328007ad67c7e0a985e00"));
    }

    @ParameterizedTest
    @MethodSource("digests")
    void digestsAreRawBytes(String name, String input, String expectedHex) {
        String digest = apply(name, input);
        assertThat(digest).hasSize(expectedHex.length() / 2);
        assertThat(apply("hexEncode", digest)).isEqualTo(expectedHex);
    }

    static Stream<Arguments> parity() {
        String letters = "abcdefghijklmnopqrstuvwxyz\0000123456789\0ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        return Stream.of(
                Arguments.of("parityEven7bit", "cefijloqrtwx03569ABDGHKMNPSUVYZ", "cefijloqrtwx03569ABDGHKMNPSUVYZ"),
                Arguments.of("parityEven7bit", letters,
                        "\341\342c\344ef\347\350ij\353l\355\356o\360qr\363t\365\366wx\371\372\0000\261\2623\26456"
                        + "\267\2709\000AB\303D\305\306GH\311\312K\314MN\317P\321\322S\324UV\327\330YZ"),
                Arguments.of("parityOdd7bit", "A", "\301"),
                Arguments.of("parityOdd7bit", "C", "C"),
                Arguments.of("parityZero7bit", "\301\303A", "ACA"));
    }

    @ParameterizedTest
    @MethodSource("parity")
    void parityTransformationsSetOrClearBit7(String name, String input, String expected) {
        assertThat(apply(name, input)).isEqualTo(expected);
    }
}
