package dev.aiguard.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference engine's answers by request id, read from JSON Lines {@code {"id", "matched": [rule ids in firing
 * order], "status"}} (the format of {@code shared/bench/*.modsec-pl1.jsonl}).
 *
 * @param answers the answer of each request id
 */
public record ReferenceAnswers(Map<String, Answer> answers) {

    public ReferenceAnswers {
        answers = Map.copyOf(answers);
    }

    /**
     * One request's answer.
     *
     * @param matched rule ids in firing order
     * @param status  HTTP status (0 when the line has none)
     */
    public record Answer(List<String> matched, int status) {

        public Answer {
            matched = List.copyOf(matched);
        }
    }

    /**
     * Reads every line.
     *
     * @throws IllegalArgumentException naming the first line that is not an answer
     */
    public static ReferenceAnswers read(BufferedReader lines) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Answer> answers = new HashMap<>();
        long lineNo = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException("line " + lineNo + ": malformed JSON");
            }
            if (node == null || !node.hasNonNull("id") || !node.path("matched").isArray()) {
                throw new IllegalArgumentException("line " + lineNo + ": needs \"id\" and a \"matched\" array");
            }
            List<String> matched = new ArrayList<>();
            node.get("matched").forEach(m -> matched.add(m.asText()));
            answers.put(node.get("id").asText(), new Answer(matched, node.path("status").asInt(0)));
        }
        return new ReferenceAnswers(answers);
    }
}
