package dev.aiguard.waf.internal.engine;

import java.util.Locale;

/**
 * {@code setvar}: sets ({@code tx.a=1}), adds ({@code tx.a=+5}), subtracts ({@code tx.a=-5}) or deletes
 * ({@code !tx.a}) a TX variable. Names and values may contain macros. Only the transaction collection exists;
 * a setvar on another collection (ip, global, session) does nothing, because persistent collections are not
 * supported.
 *
 * @param collection lower-case collection name ({@code tx})
 * @param name       variable name (macro)
 * @param op         the operation
 * @param value      the operand (macro); unused for {@link Op#DELETE}
 */
public record SetVarAction(String collection, Macro name, Op op, Macro value) implements MatchAction {

    /** The setvar operation. */
    public enum Op { SET, ADD, SUBTRACT, DELETE }

    /**
     * Parses the text after {@code setvar:}.
     *
     * @throws IllegalArgumentException when there is no {@code collection.name}
     */
    public static SetVarAction parse(String spec) {
        String text = spec.trim();
        boolean delete = text.startsWith("!");
        if (delete) {
            text = text.substring(1);
        }
        int eq = text.indexOf('=');
        String target = eq < 0 ? text : text.substring(0, eq);
        String operand = eq < 0 ? "1" : text.substring(eq + 1);
        int dot = target.indexOf('.');
        if (dot <= 0 || dot == target.length() - 1) {
            throw new IllegalArgumentException("setvar needs 'collection.name', got '" + spec + "'");
        }
        String collection = target.substring(0, dot).trim().toLowerCase(Locale.ROOT);
        Macro name = Macro.parse(target.substring(dot + 1).trim());
        Op op = Op.SET;
        if (delete) {
            op = Op.DELETE;
        } else if (operand.startsWith("+")) {
            op = Op.ADD;
            operand = operand.substring(1);
        } else if (operand.startsWith("-")) {
            op = Op.SUBTRACT;
            operand = operand.substring(1);
        }
        return new SetVarAction(collection, name, op, Macro.parse(operand));
    }

    @Override
    public void apply(Transaction tx) {
        if (!"tx".equals(collection)) {
            return;
        }
        String key = tx.expand(name);
        switch (op) {
            case DELETE -> tx.txDelete(key);
            case SET -> tx.txSet(key, tx.expand(value));
            case ADD -> tx.txSet(key, Long.toString(Numbers.parseLong(tx.txGet(key))
                    + Numbers.parseLong(tx.expand(value))));
            case SUBTRACT -> tx.txSet(key, Long.toString(Numbers.parseLong(tx.txGet(key))
                    - Numbers.parseLong(tx.expand(value))));
        }
    }
}
