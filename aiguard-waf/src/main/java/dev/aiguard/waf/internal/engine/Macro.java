package dev.aiguard.waf.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Text with {@code %{VARIABLE}} / {@code %{COLLECTION.key}} references, parsed once at load time and expanded per
 * transaction. A reference to an unknown variable stays in the text literally, as ModSecurity leaves it.
 */
public final class Macro {

    /** Resolves one reference; returns {@code null} when the variable (or key) has no value. */
    @FunctionalInterface
    public interface Resolver {
        String resolve(Variable variable, String key);
    }

    private sealed interface Part permits Literal, Reference {
    }

    private record Literal(String text) implements Part {
    }

    private record Reference(Variable variable, String key) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private Macro(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /** Parses {@code text}; never fails. */
    public static Macro parse(String text) {
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        StringBuilder literal = new StringBuilder();
        while (pos < text.length()) {
            int start = text.indexOf("%{", pos);
            int end = start < 0 ? -1 : text.indexOf('}', start + 2);
            if (start < 0 || end < 0) {
                literal.append(text, pos, text.length());
                break;
            }
            literal.append(text, pos, start);
            Optional<Reference> ref = reference(text.substring(start + 2, end));
            if (ref.isPresent()) {
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(ref.get());
            } else {
                literal.append(text, start, end + 1);
            }
            pos = end + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new Macro(text, parts);
    }

    private static Optional<Reference> reference(String body) {
        int dot = body.indexOf('.');
        String name = dot < 0 ? body : body.substring(0, dot);
        String key = dot < 0 ? null : body.substring(dot + 1);
        return Variable.byName(name.trim()).map(v -> new Reference(v, key));
    }

    /** {@code true} when the text has at least one reference, i.e. expanding can change it. */
    public boolean hasReferences() {
        return parts.stream().anyMatch(Reference.class::isInstance);
    }

    /** The text as written. */
    public String source() {
        return source;
    }

    /**
     * Supplies a reference's value later, when it is not computed yet (a capture group); {@code null} when the value
     * is available now through the {@link Resolver}.
     */
    @FunctionalInterface
    public interface Deferrer {
        Supplier<String> defer(Variable variable, String key);
    }

    /**
     * Like {@link #expand}, except that references {@code deferrer} defers are read only when the text is: the
     * values of all other references are taken now, so the text is what {@link #expand} would have returned now.
     */
    LazyText expandLater(Resolver resolver, Deferrer deferrer) {
        if (parts.size() == 1 && parts.get(0) instanceof Literal l) {
            return LazyText.of(l.text());
        }
        List<Object> pieces = null;
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else if (part instanceof Reference r) {
                Supplier<String> later = deferrer.defer(r.variable(), r.key());
                if (later != null) {
                    if (pieces == null) {
                        pieces = new ArrayList<>();
                    }
                    pieces.add(out.toString());
                    pieces.add(later);
                    out.setLength(0);
                    continue;
                }
                String value = resolver.resolve(r.variable(), r.key());
                if (value != null) {
                    out.append(value);
                }
            }
        }
        if (pieces == null) {
            return LazyText.of(out.toString());
        }
        pieces.add(out.toString());
        List<Object> all = pieces;
        return LazyText.later(() -> {
            StringBuilder text = new StringBuilder();
            for (Object piece : all) {
                text.append(piece instanceof String str ? str : ((Supplier<?>) piece).get());
            }
            return text.toString();
        });
    }

    /** Expands every reference; a reference without a value expands to the empty string. */
    public String expand(Resolver resolver) {
        if (parts.size() == 1 && parts.get(0) instanceof Literal l) {
            return l.text();
        }
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else if (part instanceof Reference r) {
                String value = resolver.resolve(r.variable(), r.key());
                if (value != null) {
                    out.append(value);
                }
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
