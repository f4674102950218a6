package dev.peloton.core.engine.selection;

import dev.peloton.core.AssetKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the selection syntax by recursive descent. Precedence, loosest first: {@code or} and {@code ,};
 * {@code and}; {@code not}; traversals ({@code 2+key+}); terms and parentheses.
 */
final class SelectionParser {

    private enum Type { WORD, STRING, LPAREN, RPAREN, COMMA, PLUS, COLON, EQUALS, END }

    /** A token; {@code start} is a 0-based offset, {@code end} exclusive. */
    private record Token(Type type, String text, int start, int end) {
        String shown() {
            return type == Type.END ? "end of the selection" : "'" + text + "'";
        }
    }

    private static final Set<String> ATTRIBUTES = Set.of("key", "group", "tag", "owner");
    private static final Set<String> FUNCTIONS = Set.of("roots", "sinks");

    private final String text;
    private final List<Token> tokens;
    private int next;

    private SelectionParser(String text) {
        this.text = text;
        this.tokens = lex(text);
    }

    static SelectionExpr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSelectionException(text == null ? "" : text, 1, "", "The asset selection is empty");
        }
        SelectionParser p = new SelectionParser(text);
        SelectionExpr e = p.or();
        Token t = p.peek();
        if (t.type() != Type.END) {
            throw p.error(t, t.type() == Type.RPAREN ? "Unmatched ')'"
                    : "Expected 'and', 'or', ',' or the end of the selection, but found " + t.shown());
        }
        return e;
    }

    // --- grammar ---------------------------------------------------------------------------------

    private SelectionExpr or() {
        List<SelectionExpr> operands = new ArrayList<>(List.of(and()));
        while (peek().type() == Type.COMMA || keyword(peek(), "or")) {
            next++;
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new SelectionExpr.Or(operands);
    }

    private SelectionExpr and() {
        List<SelectionExpr> operands = new ArrayList<>(List.of(not()));
        while (keyword(peek(), "and")) {
            next++;
            operands.add(not());
        }
        return operands.size() == 1 ? operands.get(0) : new SelectionExpr.And(operands);
    }

    private SelectionExpr not() {
        if (keyword(peek(), "not")) {
            next++;
            return new SelectionExpr.Not(not());
        }
        return traversal();
    }

    private SelectionExpr traversal() {
        int up = 0;
        Token first = peek();
        if (first.type() == Type.WORD && isDigits(first.text()) && peek(1).type() == Type.PLUS
                && adjacent(first, peek(1)) && startsTerm(peek(2)) && adjacent(peek(1), peek(2))) {
            // "2+key": a depth, not a key named 2
            up = depth(first);
            next += 2;
        } else if (first.type() == Type.PLUS) {
            int run = plusRun();
            Token term = peek();
            if (!adjacent(tokens.get(next - 1), term)) {
                throw error(first, "'+' must be written right before the asset it expands, with no space");
            }
            up = run == 1 ? SelectionExpr.UNLIMITED : run;
        }
        SelectionExpr primary = primary();
        int down = 0;
        Token after = peek();
        if (after.type() == Type.PLUS && adjacent(tokens.get(next - 1), after)) {
            int run = plusRun();
            Token n = peek();
            if (run == 1 && n.type() == Type.WORD && isDigits(n.text()) && adjacent(tokens.get(next - 1), n)) {
                down = depth(n);
                next++;
            } else {
                down = run == 1 ? SelectionExpr.UNLIMITED : run;
            }
        } else if (after.type() == Type.PLUS) {
            throw error(after, "'+' must be written right after the asset it expands, with no space");
        }
        return up == 0 && down == 0 ? primary : new SelectionExpr.Traverse(primary, up, down);
    }

    /** Consumes adjacent pluses and returns how many. */
    private int plusRun() {
        int run = 1;
        Token previous = tokens.get(next++);
        while (peek().type() == Type.PLUS && adjacent(previous, peek())) {
            previous = tokens.get(next++);
            run++;
        }
        return run;
    }

    private SelectionExpr primary() {
        Token t = peek();
        switch (t.type()) {
            case LPAREN -> {
                next++;
                SelectionExpr inner = or();
                expectClosing(t);
                return inner;
            }
            case STRING -> {
                next++;
                return key(t.text(), t);
            }
            case WORD -> {
                if (keyword(t, "and") || keyword(t, "or") || keyword(t, "not")) {
                    throw error(t, "Expected an asset key, an attribute such as group:name, or '(', but found "
                            + t.shown());
                }
                next++;
                Token following = peek();
                if (following.type() == Type.LPAREN && adjacent(t, following)) {
                    return function(t);
                }
                if (following.type() == Type.COLON && adjacent(t, following)) {
                    next++;
                    return attribute(t);
                }
                return key(t.text(), t);
            }
            default -> throw error(t, "Expected an asset key, an attribute such as group:name, or '(', but found "
                    + t.shown());
        }
    }

    private SelectionExpr function(Token name) {
        String f = name.text().toLowerCase(Locale.ROOT);
        if (!FUNCTIONS.contains(f)) {
            throw error(name, "Unknown function '" + name.text() + "'; functions are roots(...) and sinks(...)");
        }
        Token open = tokens.get(next++);
        SelectionExpr inner = or();
        expectClosing(open);
        return new SelectionExpr.Function(f, inner);
    }

    private SelectionExpr attribute(Token name) {
        String attribute = name.text().toLowerCase(Locale.ROOT);
        if (!ATTRIBUTES.contains(attribute)) {
            throw error(name, "Unknown attribute '" + name.text() + "'; attributes are key:, group:, tag: and owner:");
        }
        Token colon = tokens.get(next - 1);
        Token value = value(colon, name.text() + ":");
        String whole = text.substring(name.start(), value.end());
        if (attribute.equals("key")) {
            return key(value.text(), value);
        }
        if (attribute.equals("tag")) {
            Token eq = peek();
            if (eq.type() == Type.EQUALS && adjacent(value, eq)) {
                next++;
                Token tagValue = value(eq, whole + "=");
                return new SelectionExpr.Tag(value.text(), tagValue.text(), name.start() + 1,
                        text.substring(name.start(), tagValue.end()));
            }
            return new SelectionExpr.Tag(value.text(), null, name.start() + 1, whole);
        }
        if (peek().type() == Type.EQUALS && adjacent(value, peek())) {
            throw error(peek(), "'=' only follows a tag key, as in tag:key=value");
        }
        return new SelectionExpr.Attribute(attribute, value.text(), name.start() + 1, whole);
    }

    /** The word or quoted text right after {@code before}. */
    private Token value(Token before, String what) {
        Token v = peek();
        if ((v.type() != Type.WORD && v.type() != Type.STRING) || !adjacent(before, v)) {
            throw error(v.type() == Type.END || !adjacent(before, v) ? before : v,
                    "Expected a value right after '" + what + "'");
        }
        if (v.type() == Type.STRING && v.text().isEmpty()) {
            throw error(v, "Empty value after '" + what + "'");
        }
        next++;
        return v;
    }

    private SelectionExpr key(String key, Token token) {
        if (key.equals("*")) {
            return new SelectionExpr.All();
        }
        if (key.contains("*")) {
            if (!AssetKey.isValid(key.replace("*", "x"))) {
                throw error(token, "Invalid asset key pattern '" + key + "': segments are letters, digits, '_', '-'"
                        + " and '.', with '*' for any characters");
            }
            return new SelectionExpr.Key(key, true, token.start() + 1);
        }
        if (!AssetKey.isValid(key)) {
            throw error(token, "Invalid asset key '" + key + "': segments are letters, digits, '_', '-' and '.', "
                    + "separated by '/'");
        }
        return new SelectionExpr.Key(key, false, token.start() + 1);
    }

    private void expectClosing(Token open) {
        Token close = peek();
        if (close.type() != Type.RPAREN) {
            throw error(close.type() == Type.END ? open : close, close.type() == Type.END
                    ? "Missing ')' for this '('" : "Expected ')' but found " + close.shown());
        }
        next++;
    }

    private int depth(Token digits) {
        try {
            return Integer.parseInt(digits.text());
        } catch (NumberFormatException e) {
            throw error(digits, "Traversal depth " + digits.text() + " is too large");
        }
    }

    private boolean startsTerm(Token t) {
        return t.type() == Type.LPAREN || t.type() == Type.STRING
                || (t.type() == Type.WORD && !keyword(t, "and") && !keyword(t, "or") && !keyword(t, "not"));
    }

    private static boolean keyword(Token t, String word) {
        return t.type() == Type.WORD && t.text().equalsIgnoreCase(word);
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean adjacent(Token a, Token b) {
        return a.end() == b.start();
    }

    private Token peek() {
        return peek(0);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private InvalidSelectionException error(Token t, String problem) {
        return new InvalidSelectionException(text, t.start() + 1, t.type() == Type.END ? "" : text.substring(t.start(),
                t.end()), problem);
    }

    // --- lexer -----------------------------------------------------------------------------------

    private static List<Token> lex(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            Type single = switch (c) {
                case '(' -> Type.LPAREN;
                case ')' -> Type.RPAREN;
                case ',' -> Type.COMMA;
                case '+' -> Type.PLUS;
                case ':' -> Type.COLON;
                case '=' -> Type.EQUALS;
                default -> null;
            };
            if (single != null) {
                out.add(new Token(single, String.valueOf(c), i, i + 1));
                i++;
            } else if (c == '"') {
                i = quoted(text, i, out);
            } else {
                int start = i;
                while (i < text.length() && isWordChar(text.charAt(i))) {
                    i++;
                }
                out.add(new Token(Type.WORD, text.substring(start, i), start, i));
            }
        }
        out.add(new Token(Type.END, "", text.length(), text.length()));
        return out;
    }

    private static boolean isWordChar(char c) {
        return !Character.isWhitespace(c) && "(),+:=\"".indexOf(c) < 0;
    }

    /** A double-quoted string with {@code \"} and {@code \\} escapes; returns the offset after it. */
    private static int quoted(String text, int open, List<Token> out) {
        StringBuilder value = new StringBuilder();
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                value.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                out.add(new Token(Type.STRING, value.toString(), open, i + 1));
                return i + 1;
            } else {
                value.append(c);
                i++;
            }
        }
        throw new InvalidSelectionException(text, open + 1, text.substring(open), "Unterminated quoted text");
    }
}
