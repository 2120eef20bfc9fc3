package lsmviz.app.code;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One pass over the source: each line's code (comments dropped, literal contents blanked) and
 * every brace pair with the code before it.
 */
final class JavaBlocks {
    /** A brace pair: where it opens and closes (0-based lines) and the code before it (its header). */
    record Block(int openLine, int openColumn, int closeLine, int closeColumn, String header, int headerLine) {}

    final List<String> code = new ArrayList<>();
    final List<Block> blocks = new ArrayList<>();

    private enum State { CODE, BLOCK_COMMENT, STRING, CHAR, TEXT_BLOCK }

    /** An open brace waiting for its match, with the code before it and the parentheses around it. */
    private record Open(int line, int column, String header, int headerLine, int outerParens) {}

    JavaBlocks(List<String> lines) {
        State state = State.CODE;
        Deque<Open> open = new ArrayDeque<>();
        StringBuilder header = new StringBuilder();
        int headerLine = -1;
        int parens = 0;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            StringBuilder out = new StringBuilder(line.length());
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                char n = i + 1 < line.length() ? line.charAt(i + 1) : '\0';
                switch (state) {
                    case BLOCK_COMMENT -> {
                        if (c == '*' && n == '/') {
                            state = State.CODE;
                            i++;
                        }
                    }
                    case STRING, CHAR -> {
                        char quote = state == State.STRING ? '"' : '\'';
                        if (c == '\\') {
                            out.append("  ");
                            i++;
                        } else if (c == quote) {
                            out.append(c);
                            state = State.CODE;
                        } else {
                            out.append(' ');
                        }
                    }
                    case TEXT_BLOCK -> {
                        if (c == '\\') {
                            out.append("  ");
                            i++;
                        } else if (line.startsWith("\"\"\"", i)) {
                            out.append("\"\"\"");
                            i += 2;
                            state = State.CODE;
                        } else {
                            out.append(' ');
                        }
                    }
                    case CODE -> {
                        if (c == '/' && n == '/') {
                            i = line.length();
                            continue;
                        }
                        if (c == '/' && n == '*') {
                            state = State.BLOCK_COMMENT;
                            i++;
                            continue;
                        }
                        out.append(c);
                        if (c == '"') {
                            if (line.startsWith("\"\"\"", i)) {
                                out.append("\"\"");
                                i += 2;
                                state = State.TEXT_BLOCK;
                            } else {
                                state = State.STRING;
                            }
                        } else if (c == '\'') {
                            state = State.CHAR;
                        } else if (c == '(') {
                            parens++;
                        } else if (c == ')') {
                            parens--;
                        }
                        if (c == '{') {
                            // a block starts: its header is the code since the last statement
                            open.push(new Open(ln, i, header.toString(), headerLine, parens));
                            header.setLength(0);
                            headerLine = -1;
                            parens = 0;
                        } else if (c == '}' && !open.isEmpty()) {
                            Open o = open.pop();
                            blocks.add(new Block(o.line(), o.column(), ln, i, normalize(o.header()),
                                    o.headerLine()));
                            parens = o.outerParens();
                            header.setLength(0);
                            headerLine = -1;
                            if (parens > 0) {
                                // a lambda body or array inside parentheses: the outer code goes on
                                header.append(o.header()).append("{}");
                                headerLine = o.headerLine();
                            }
                        } else if (c == ';' && parens == 0) {
                            header.setLength(0);
                            headerLine = -1;
                        } else {
                            if (headerLine < 0 && !Character.isWhitespace(c)) {
                                headerLine = ln;
                            }
                            header.append(c);
                        }
                    }
                    default -> throw new AssertionError(state);
                }
            }
            if (state == State.CODE || state == State.BLOCK_COMMENT) {
                header.append(' ');
            }
            code.add(out.toString());
        }
        blocks.sort((a, b) -> a.openLine() != b.openLine() ? Integer.compare(a.openLine(), b.openLine())
                : Integer.compare(a.openColumn(), b.openColumn()));
    }

    private static String normalize(CharSequence header) {
        return header.toString().strip().replaceAll("\\s+", " ");
    }

    /** Blocks whose braces enclose line {@code line}, innermost first. */
    List<Block> enclosing(int line) {
        List<Block> in = new ArrayList<>();
        for (Block b : blocks) {
            if (b.openLine() < line && b.closeLine() > line) {
                in.add(0, b);
            }
        }
        return in;
    }

    /** The block opened last on line {@code line}, or null. */
    Block lastOpenedOn(int line) {
        Block last = null;
        for (Block b : blocks) {
            if (b.openLine() == line) {
                last = b;
            }
        }
        return last;
    }

    /** The block closed by the first brace of line {@code line}, or null. */
    Block closedAtStartOf(int line) {
        int column = code.get(line).indexOf('}');
        for (Block b : blocks) {
            if (b.closeLine() == line && b.closeColumn() == column) {
                return b;
            }
        }
        return null;
    }
}
