package dev.aiguard.waf.internal.regex;

import dev.aiguard.waf.internal.regex.RegexShape.Alternation;
import dev.aiguard.waf.internal.regex.RegexShape.ByteSet;
import dev.aiguard.waf.internal.regex.RegexShape.Literal;
import dev.aiguard.waf.internal.regex.RegexShape.Node;
import dev.aiguard.waf.internal.regex.RegexShape.Repeat;
import dev.aiguard.waf.internal.regex.RegexShape.Sequence;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ReDoS-shaped inputs for one pattern, derived from its {@link RegexShape}: each is {@code prefix + pump^k + suffix}
 * and can be rendered at any size, so the same shape is timed at two sizes. The shapes are the classic ones:
 * <ul>
 *   <li>{@code a^k!} and {@code " "^k!};</li>
 *   <li>for every repetition: a string that reaches it (the witness of everything before it), the repeated part
 *       pumped, then a byte that fails; and the pump alone (every start position of an unanchored search);</li>
 *   <li>prefixes of the pattern's witness and of each alternative, repeated (near misses restarted
 *       everywhere);</li>
 *   <li>long runs of single members of each byte set.</li>
 * </ul>
 * A witness is a short string the node matches (first alternative, minimum repetitions, a typical member of each
 * set).
 */
final class AdversarialInputs {

    /** One input shape. */
    record Shape(String kind, String prefix, String pump, String suffix) {

        /** The input of about {@code size} bytes (at least one pump). */
        String render(int size) {
            int room = Math.max(size - prefix.length() - suffix.length(), pump.length());
            StringBuilder out = new StringBuilder(prefix.length() + room + suffix.length()).append(prefix);
            int repeats = Math.max(1, room / pump.length());
            for (int k = 0; k < repeats; k++) {
                out.append(pump);
            }
            return out.append(suffix).toString();
        }

        @Override
        public String toString() {
            return kind + " [" + printable(prefix) + "](" + printable(pump) + ")^k[" + printable(suffix) + "]";
        }
    }

    /** Repetitions and sets considered per pattern: the 932xxx command lists hold thousands. */
    private static final int MAX_LOOPS = 40;
    private static final int MAX_SETS = 12;
    private static final int MAX_ALTERNATIVES = 6;
    private static final int MAX_WITNESS = 200;
    private static final String FAIL = "\u0000";

    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private int loops;
    private int sets;

    private AdversarialInputs() {
    }

    /** The shapes for {@code pattern}, de-duplicated, at most {@code max}. */
    static List<Shape> of(String pattern, int max) {
        AdversarialInputs inputs = new AdversarialInputs();
        Node root = RegexShape.parse(pattern);
        inputs.add(new Shape("classic", "", "a", "!"));
        inputs.add(new Shape("classic", "", " ", "!"));
        inputs.add(new Shape("classic", "", "\t", "\u0000"));
        inputs.walk(root, "");
        String witness = witness(root);
        for (int cut : new int[] {1, 2, 3, witness.length() / 2, witness.length() - 1}) {
            if (cut > 0 && cut < witness.length()) {
                inputs.add(new Shape("witness-prefix", "", witness.substring(0, cut), FAIL));
            }
        }
        List<Shape> all = new ArrayList<>(inputs.shapes.values());
        return all.size() <= max ? all : all.subList(0, max);
    }

    private void add(Shape shape) {
        if (!shape.pump().isEmpty()) {
            shapes.putIfAbsent(shape.prefix() + '\u0001' + shape.pump() + '\u0001' + shape.suffix(), shape);
        }
    }

    /** Visits {@code node}, reached by {@code before} (a witness of everything to its left). */
    private void walk(Node node, String before) {
        if (node instanceof Sequence s) {
            StringBuilder reach = new StringBuilder(before);
            for (Node item : s.items()) {
                walk(item, cap(reach.toString()));
                reach.append(witness(item));
            }
        } else if (node instanceof Alternation a) {
            int n = 0;
            for (Node branch : a.branches()) {
                if (n++ < MAX_ALTERNATIVES) {
                    String w = witness(branch);
                    if (w.length() > 1) {
                        add(new Shape("alternative-prefix", "", w.substring(0, w.length() - 1), FAIL));
                    }
                }
                walk(branch, before);
            }
        } else if (node instanceof Repeat r) {
            if ((r.unbounded() || r.max() >= 16) && loops++ < MAX_LOOPS) {
                for (String pump : pumps(r.sub())) {
                    add(new Shape("loop", before, pump, FAIL));
                    add(new Shape("loop", before, pump, "!"));
                    add(new Shape("loop-restart", "", before.isEmpty() ? pump : before + pump, FAIL));
                }
            }
            walk(r.sub(), before);
        } else if (node instanceof ByteSet b && sets++ < MAX_SETS) {
            for (char member : members(b.members())) {
                add(new Shape("set-run", "", String.valueOf(member), FAIL));
            }
        }
    }

    /** What a repetition repeats: the witness, and the witness of each alternative when it is an alternation. */
    private static List<String> pumps(Node sub) {
        List<String> pumps = new ArrayList<>();
        pumps.add(witness(sub));
        Node inner = sub;
        if (inner instanceof Alternation a) {
            a.branches().stream().limit(MAX_ALTERNATIVES).map(AdversarialInputs::witness)
                    .filter(w -> !pumps.contains(w)).forEach(pumps::add);
        } else if (inner instanceof ByteSet b) {
            members(b.members()).stream().map(String::valueOf).filter(m -> !pumps.contains(m)).forEach(pumps::add);
        }
        return pumps;
    }

    /** A typical member, the first and the last member of a set. */
    private static List<Character> members(BitSet set) {
        List<Character> members = new ArrayList<>();
        if (set.isEmpty()) {
            return members;
        }
        members.add(typical(set));
        for (char c : new char[] {(char) set.nextSetBit(0), (char) set.previousSetBit(255)}) {
            if (!members.contains(c)) {
                members.add(c);
            }
        }
        return members;
    }

    /** A lowercase letter if the set has one, else a digit, an uppercase letter, punctuation, anything. */
    private static char typical(BitSet set) {
        for (String preferred : new String[] {"abcdefghijklmnopqrstuvwxyz", "0123456789",
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ", " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}) {
            for (char c : preferred.toCharArray()) {
                if (set.get(c)) {
                    return c;
                }
            }
        }
        return (char) set.nextSetBit(0);
    }

    /** A short string {@code node} matches (ignoring lookarounds and anchors). */
    static String witness(Node node) {
        StringBuilder out = new StringBuilder();
        witness(node, out);
        return cap(out.toString());
    }

    private static void witness(Node node, StringBuilder out) {
        if (out.length() > MAX_WITNESS) {
            return;
        }
        if (node instanceof Literal l) {
            out.append(l.c());
        } else if (node instanceof ByteSet b) {
            if (!b.members().isEmpty()) {
                out.append(typical(b.members()));
            }
        } else if (node instanceof Sequence s) {
            s.items().forEach(item -> witness(item, out));
        } else if (node instanceof Alternation a) {
            witness(a.branches().get(0), out);
        } else if (node instanceof Repeat r) {
            for (int k = 0; k < Math.max(r.min(), 1) && out.length() <= MAX_WITNESS; k++) {
                witness(r.sub(), out);
            }
        }
    }

    private static String cap(String s) {
        return s.length() <= MAX_WITNESS ? s : s.substring(0, MAX_WITNESS);
    }

    /** For messages: control and high bytes as {@code \xHH}. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c));
            }
        }
        return out.toString();
    }
}
