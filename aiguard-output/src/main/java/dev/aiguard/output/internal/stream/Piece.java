package dev.aiguard.output.internal.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A piece of text inside a response event: a JSON string value (with where to write it back) or raw text. Pieces that
 * {@link #joins() join} are the model's generated text (content deltas): consecutive ones are read as one text, so a
 * secret split across events is seen whole. Other pieces (ids, roles, whole JSON bodies) are inspected alone.
 */
final class Piece {

    private String text;
    private boolean modified;
    private final boolean joins;
    private final ObjectNode parent;
    private final String field;
    private final ArrayNode array;
    private final int index;

    private Piece(String text, boolean joins, ObjectNode parent, String field, ArrayNode array, int index) {
        this.text = text;
        this.joins = joins;
        this.parent = parent;
        this.field = field;
        this.array = array;
        this.index = index;
    }

    static Piece raw(String text) {
        return new Piece(text, true, null, null, null, -1);
    }

    static Piece field(ObjectNode parent, String field, boolean joins) {
        return new Piece(parent.get(field).textValue(), joins, parent, field, null, -1);
    }

    static Piece element(ArrayNode array, int index, boolean joins) {
        return new Piece(array.get(index).textValue(), joins, null, null, array, index);
    }

    String text() {
        return text;
    }

    boolean joins() {
        return joins;
    }

    boolean modified() {
        return modified;
    }

    /** Replaces chars [from, to) with {@code replacement}, writing through to the JSON tree. */
    void replace(int from, int to, String replacement) {
        text = text.substring(0, from) + replacement + text.substring(to);
        modified = true;
        if (parent != null) {
            parent.set(field, TextNode.valueOf(text));
        } else if (array != null) {
            array.set(index, TextNode.valueOf(text));
        }
    }
}
