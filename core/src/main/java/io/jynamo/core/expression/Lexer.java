package io.jynamo.core.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into {@link Token}s; never fails: unknown characters become INVALID tokens. */
final class Lexer {
    private Lexer() {
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            int start = i;
            Token.Kind kind;
            if (isLetter(c)) {
                i = skipNameChars(text, i + 1);
                kind = Token.Kind.IDENTIFIER;
            } else if (c == '#' || c == ':') {
                int end = skipNameChars(text, i + 1);
                if (end == i + 1) {
                    i++;
                    kind = Token.Kind.INVALID;
                } else {
                    i = end;
                    kind = c == '#' ? Token.Kind.NAME_PLACEHOLDER : Token.Kind.VALUE_PLACEHOLDER;
                }
            } else if (c >= '0' && c <= '9') {
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                kind = Token.Kind.NUMBER;
            } else {
                i++;
                kind = switch (c) {
                    case '.' -> Token.Kind.DOT;
                    case ',' -> Token.Kind.COMMA;
                    case '[' -> Token.Kind.LBRACKET;
                    case ']' -> Token.Kind.RBRACKET;
                    case '(' -> Token.Kind.LPAREN;
                    case ')' -> Token.Kind.RPAREN;
                    case '=' -> Token.Kind.EQ;
                    case '+' -> Token.Kind.PLUS;
                    case '-' -> Token.Kind.MINUS;
                    case '<' -> {
                        if (i < n && text.charAt(i) == '=') {
                            i++;
                            yield Token.Kind.LE;
                        }
                        if (i < n && text.charAt(i) == '>') {
                            i++;
                            yield Token.Kind.NE;
                        }
                        yield Token.Kind.LT;
                    }
                    case '>' -> {
                        if (i < n && text.charAt(i) == '=') {
                            i++;
                            yield Token.Kind.GE;
                        }
                        yield Token.Kind.GT;
                    }
                    default -> {
                        // keep a surrogate pair together so the error quotes a whole character
                        if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(text.charAt(i))) {
                            i++;
                        }
                        yield Token.Kind.INVALID;
                    }
                };
            }
            tokens.add(new Token(kind, text.substring(start, i), start, i));
        }
        tokens.add(new Token(Token.Kind.EOF, "", n, n));
        return tokens;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int skipNameChars(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '_')) {
                break;
            }
            i++;
        }
        return i;
    }
}
