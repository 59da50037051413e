package dev.portcullis.jsonschema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.api.Problem;
import dev.portcullis.api.ProblemException;
import dev.portcullis.api.ProblemTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parses a request body so that gateway and upstream can only ever read the same document: UTF-8 without a byte
 * order mark, no duplicate keys, no trailing content, nesting capped, every number within the range of a double.
 * Anything else is a 400 {@code invalid-json} {@link ProblemException}. Thread-safe.
 */
final class StrictJson {
    private final int maxDepth;
    private final ObjectMapper mapper;

    StrictJson(int maxDepth) {
        this.maxDepth = maxDepth;
        this.mapper = mapper(maxDepth);
    }

    private static ObjectMapper mapper(int maxDepth) {
        return new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build()).build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * @param bytes a request body
     * @return its one document
     * @throws ProblemException 400 {@code invalid-json} when the body is not exactly one strict JSON document
     */
    JsonNode parse(byte[] bytes) {
        if (!isPlainUtf8Start(bytes)) {
            throw invalidJson("The body must be UTF-8 without a byte order mark (RFC 8259 section 8.1).");
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw invalidJson("The body is empty; a JSON document is required.");
            }
            requireFiniteNumbers(node);
            return node;
        } catch (StreamConstraintsException e) {
            throw invalidJson("The body nests deeper than " + maxDepth + " levels, or has a number or string "
                    + "longer than the parser accepts.");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw invalidJson("The body is not valid JSON" + (at == null ? "." : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Jackson would skip a UTF-8 byte order mark and detect UTF-16 and UTF-32 by their zero bytes; an upstream
     * reading UTF-8, as RFC 8259 requires, would then see another document than the one validated.
     */
    private static boolean isPlainUtf8Start(byte[] bytes) {
        boolean bom = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF;
        boolean zero = bytes.length >= 1 && bytes[0] == 0 || bytes.length >= 2 && bytes[1] == 0;
        return !bom && !zero;
    }

    /** Walks the tree without recursion: a number a double cannot hold would reach validators and upstream as infinity. */
    private static void requireFiniteNumbers(JsonNode root) {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
                throw invalidJson("The body has a number beyond the range of a double.");
            }
            node.forEach(pending::push);
        }
    }

    private static ProblemException invalidJson(String detail) {
        return new ProblemException(Problem.builder(ProblemTypes.INVALID_JSON, 400, "Invalid JSON")
                .detail(detail).build());
    }
}
