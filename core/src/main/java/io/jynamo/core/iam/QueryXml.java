package io.jynamo.core.iam;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/**
 * The XML of IAM's and STS's Query protocol, as the AWS SDKs parse it: {@code <XResponse xmlns=...>} holding
 * {@code <XResult>} first (the Java SDK takes the first child as the result) and then
 * {@code <ResponseMetadata><RequestId>}; errors as {@code <ErrorResponse><Error><Type/><Code/><Message/></Error>
 * <RequestId/></ErrorResponse>}. Text is escaped by the writer, leaves carry no surrounding white space, times are
 * ISO 8601 to the second in UTC.
 */
public final class QueryXml {
    public static final String IAM = "https://iam.amazonaws.com/doc/2010-05-08/";
    public static final String STS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private QueryXml() {
    }

    /** What goes inside a result element. */
    @FunctionalInterface
    public interface Body {
        void write(Writer x) throws XMLStreamException;
    }

    /** Writes elements. */
    public static final class Writer {
        private final XMLStreamWriter w;

        private Writer(XMLStreamWriter w) {
            this.w = w;
        }

        public Writer start(String name) throws XMLStreamException {
            w.writeStartElement(name);
            return this;
        }

        public Writer end() throws XMLStreamException {
            w.writeEndElement();
            return this;
        }

        /** {@code <name>text</name>}, or nothing when the text is null. */
        public Writer leaf(String name, String text) throws XMLStreamException {
            if (text != null) {
                w.writeStartElement(name);
                w.writeCharacters(text);
                w.writeEndElement();
            }
            return this;
        }

        public Writer leaf(String name, Instant time) throws XMLStreamException {
            return leaf(name, time == null ? null : time.truncatedTo(ChronoUnit.SECONDS).toString());
        }

        public Writer leaf(String name, boolean value) throws XMLStreamException {
            return leaf(name, Boolean.toString(value));
        }

        public Writer leaf(String name, long value) throws XMLStreamException {
            return leaf(name, Long.toString(value));
        }

        /** A list: {@code <name><member>...</member>...</name>}, written even when empty. */
        public <T> Writer list(String name, Collection<T> items, Item<T> item) throws XMLStreamException {
            w.writeStartElement(name);
            for (T t : items) {
                w.writeStartElement("member");
                item.write(this, t);
                w.writeEndElement();
            }
            w.writeEndElement();
            return this;
        }

        /** A list of strings: {@code <name><member>text</member>...</name>}. */
        public Writer strings(String name, Collection<String> items) throws XMLStreamException {
            w.writeStartElement(name);
            for (String t : items) {
                leaf("member", t);
            }
            w.writeEndElement();
            return this;
        }
    }

    /** Writes one member of a list. */
    @FunctionalInterface
    public interface Item<T> {
        void write(Writer x, T item) throws XMLStreamException;
    }

    /** The response to {@code action}; {@code body} null for an action without output. */
    public static byte[] response(String namespace, String action, String requestId, Body body) {
        return document(w -> {
            w.writeStartElement(action + "Response");
            w.writeDefaultNamespace(namespace);
            Writer x = new Writer(w);
            if (body != null) {
                w.writeStartElement(action + "Result");
                body.write(x);
                w.writeEndElement();
            }
            w.writeStartElement("ResponseMetadata");
            x.leaf("RequestId", requestId);
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    public static byte[] error(String namespace, IamException e, String requestId) {
        return document(w -> {
            w.writeStartElement("ErrorResponse");
            w.writeDefaultNamespace(namespace);
            Writer x = new Writer(w);
            w.writeStartElement("Error");
            x.leaf("Type", e.type()).leaf("Code", e.code()).leaf("Message", e.getMessage());
            w.writeEndElement();
            x.leaf("RequestId", requestId);
            w.writeEndElement();
        });
    }

    private interface Document {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static byte[] document(Document d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            d.write(w);
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A policy document as IAM returns one: percent-encoded as RFC 3986 says (space as {@code %20}), which the CLI
     * decodes and the Java SDK leaves to the caller.
     */
    public static String encodePolicy(String document) {
        return java.net.URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
