package dev.aiguard.cli.internal.serve;

import dev.aiguard.api.Usage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UsageExtractorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            openai json             | {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}} | 12 | 7
            anthropic names         | {"usage":{"input_tokens":5,"output_tokens":9}}                                     | 5  | 9
            sse final usage chunk   | data: {"usage":null}\\n\\ndata: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}\\n\\ndata: [DONE]\\n\\n | 3 | 2
            null usage only         | data: {"usage":null}\\n\\ndata: [DONE]                                             | -1 | -1
            no usage                | {"choices":[]}                                                                     | -1 | -1
            usage cut off           | {"usage":{"prompt_tokens":3,"compl                                                 | -1 | -1
            only prompt tokens      | {"usage":{"prompt_tokens":3}}                                                      | 3  | -1
            negative is unknown     | {"usage":{"prompt_tokens":-4,"completion_tokens":2}}                               | -1 | 2
            word usage in content   | {"content":"the \\"usage\\" of words","usage":{"prompt_tokens":1,"completion_tokens":1}} | 1 | 1
            """)
    void findsTheLastReportedUsage(String name, String text, long input, long output) {
        Usage usage = UsageExtractor.find(text.replace("\\n", "\n").replace("\\\"", "\""));
        assertThat(usage).isEqualTo(new Usage(input, output));
    }
}
