package dev.aiguard.waf.internal.body;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartBodyTest {

    private static final String CT = "multipart/form-data; boundary=XyZ";

    private static String part(String headers, String data) {
        return "--XyZ\r\n" + headers + "\r\n\r\n" + data + "\r\n";
    }

    @Test
    void parsesFieldsFilesAndPartHeaders() {
        String body = part("Content-Disposition: form-data; name=\"a\"", "line1\r\nline2")
                + part("Content-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\nContent-Type: text/plain",
                "12345")
                + "--XyZ--\r\n";
        MultipartResult r = MultipartBody.parse(body, CT, 10);
        assertThat(r.error()).isNull();
        assertThat(r.flags()).isEmpty();
        assertThat(r.args()).containsExactly(new Param("a", "line1\r\nline2"));
        assertThat(r.files()).containsExactly(new Param("f", "x.txt"));
        assertThat(r.fileSizes()).containsExactly(new Param("f", "5"));
        assertThat(r.partHeaders()).containsExactly(new Param("a", "Content-Disposition: form-data; name=\"a\""),
                new Param("f", "Content-Disposition: form-data; name=\"f\"; filename=\"x.txt\""),
                new Param("f", "Content-Type: text/plain"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "boundary quoted      | multipart/form-data; boundary=^XyZ^     | BOUNDARY_QUOTED",
        "boundary whitespace  | multipart/form-data; boundary = XyZ     | BOUNDARY_WHITESPACE",
        "boundary in value    | multipart/form-data; boundary=XyZ       | ''",
    })
    void boundaryFlags(String name, String contentType, String flag) {
        MultipartResult r = MultipartBody.parse(part("Content-Disposition: form-data; name=\"a\"", "v")
                + "--XyZ--\r\n", contentType.replace('^', '"'), 10);
        Set<MultipartFlag> expected = flag.isEmpty() ? EnumSet.noneOf(MultipartFlag.class)
                : EnumSet.of(MultipartFlag.valueOf(flag));
        assertThat(r.flags()).isEqualTo(expected);
    }

    /** Rows use ^ for a double quote and ~ for a single quote (CSV reserves the quote characters). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "data before         | preamble\\r\\n{P}--XyZ--\\r\\n                                              | DATA_BEFORE",
        "data after          | {P}--XyZ--\\r\\nepilogue                                                | DATA_AFTER",
        "lf lines            | --XyZ\\nContent-Disposition: form-data; name=^a^\\n\\nv\\n--XyZ--\\n     | LF_LINE",
        "folding             | --XyZ\\r\\nContent-Disposition: form-data;\\r\\n name=^a^\\r\\n\\r\\nv\\r\\n--XyZ--\\r\\n | HEADER_FOLDING",
        "missing semicolon   | --XyZ\\r\\nContent-Disposition: form-data name=^a^\\r\\n\\r\\nv\\r\\n--XyZ--\\r\\n | MISSING_SEMICOLON",
        "invalid quoting     | --XyZ\\r\\nContent-Disposition: form-data; name=~a~\\r\\n\\r\\nv\\r\\n--XyZ--\\r\\n | INVALID_QUOTING",
    })
    void bodyAnomaliesSetTheirFlag(String name, String body, String flag) {
        String b = body.replace("\\r", "\r").replace("\\n", "\n").replace('^', '"').replace('~', '\'')
                .replace("{P}", part("Content-Disposition: form-data; name=\"a\"", "v"));
        MultipartResult r = MultipartBody.parse(b, CT, 10);
        assertThat(r.flags()).contains(MultipartFlag.valueOf(flag));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no boundary param    | multipart/form-data                     | Boundary not found",
        "two boundaries       | multipart/form-data; boundary=a; boundary=b | Multiple boundary",
    })
    void badContentTypesAreErrors(String name, String contentType, String expected) {
        assertThat(MultipartBody.parse("--a--\r\n", contentType, 10).error()).contains(expected);
    }

    @Test
    void structuralProblemsAreErrors() {
        assertThat(MultipartBody.parse(part("Content-Disposition: form-data; name=\"a\"", "v"), CT, 10).error())
                .contains("Final boundary missing");
        assertThat(MultipartBody.parse(part("Content-Type: text/plain", "v") + "--XyZ--\r\n", CT, 10).error())
                .contains("Content-Disposition");
        assertThat(MultipartBody.parse(part("\u000eContent-Disposition: form-data; name=\"a\"", "v")
                + "--XyZ--\r\n", CT, 10).error()).contains("Invalid part header (contains invalid character)");
        assertThat(MultipartBody.parse("nothing here", CT, 10).error()).contains("No boundaries");
    }

    @Test
    void fileLimitIsEnforced() {
        String body = part("Content-Disposition: form-data; name=\"f1\"; filename=\"a\"", "1")
                + part("Content-Disposition: form-data; name=\"f2\"; filename=\"b\"", "2") + "--XyZ--\r\n";
        MultipartResult r = MultipartBody.parse(body, CT, 1);
        assertThat(r.files()).hasSize(1);
        assertThat(r.flags()).contains(MultipartFlag.FILE_LIMIT_EXCEEDED);
    }
}
