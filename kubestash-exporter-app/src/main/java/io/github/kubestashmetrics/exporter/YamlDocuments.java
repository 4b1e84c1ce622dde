package io.github.kubestashmetrics.exporter;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * The documents of a YAML file as JSON trees, with anchors and aliases resolved as kubectl and
 * PyYAML resolve them: an alias ({@code *a}) is a copy of the node its anchor ({@code &a}) marks,
 * and a merge key ({@code <<: *a}) adds the anchored mapping's keys the mapping does not set
 * itself. Jackson's YAML parser reports an alias as a string holding the anchor's name, which is
 * why the trees are built here rather than by an {@code ObjectMapper}.
 *
 * <p>Anchors are per document (YAML 1.1 and 1.2; kubectl splits a stream into documents before
 * decoding, and PyYAML raises on such an alias): an alias to an anchor of another document, or to
 * one defined later, makes that document an error, never a silently wrong value. The other
 * documents of the file are still read.
 */
final class YamlDocuments {

  /** One document: its tree (null for an empty document) or why it cannot be used. */
  record Document(int index, JsonNode tree, String error) {}

  /**
   * The largest YAML file read, in bytes: SnakeYAML's own limit (3 MiB of code points, its {@code
   * LoaderOptions} default), checked by the file's size before any parsing, so that a larger file
   * costs one {@code stat}, not seconds and hundreds of megabytes of parsing.
   */
  static final long MAX_BYTES = 3L * 1024 * 1024;

  private static final YAMLFactory FACTORY = new AnchorReportingFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MERGE_KEY = "<<";

  private YamlDocuments() {}

  /**
   * Every document of the file, in order.
   *
   * @throws JsonProcessingException when the YAML itself cannot be parsed; the documents before the
   *     failing one were handed to {@code sink} already ({@link #cannotParse} says where)
   * @throws TooLarge when the file is over {@link #MAX_BYTES}; nothing was read
   */
  static void read(Path file, DocumentSink sink) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new TooLarge(size);
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        AnchorReportingParser parser = (AnchorReportingParser) FACTORY.createParser(reader)) {
      int index = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        Map<String, JsonNode> anchors = new HashMap<>();
        Set<String> unresolved = new LinkedHashSet<>();
        JsonNode tree = value(parser, token, anchors, unresolved);
        if (unresolved.isEmpty()) {
          sink.accept(new Document(index, tree.isNull() ? null : tree, null));
        } else {
          sink.accept(
              new Document(
                  index,
                  null,
                  "alias "
                      + String.join(", ", unresolved.stream().map(a -> "*" + a).toList())
                      + " refers to no anchor earlier in this document (anchors are per"
                      + " document, as kubectl and PyYAML read YAML); define the anchor in this"
                      + " document"));
        }
        index++;
      }
    }
  }

  /** A file over {@link #MAX_BYTES}; its message says so in one line. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long size) {
      super(
          size
              + " bytes, over the limit of "
              + MAX_BYTES
              + " bytes (3 MiB) for a YAML file; not read");
    }
  }

  /**
   * One line saying where and why YAML could not be parsed: {@code cannot parse at line L, column
   * C: problem (context)}, lines and columns counted from 1 as editors count them.
   */
  static String cannotParse(JsonProcessingException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        Mark mark = marked.getProblemMark();
        String context =
            marked.getContext() == null
                ? ""
                : " ("
                    + marked.getContext()
                    + (marked.getContextMark() == null
                        ? ""
                        : " at line "
                            + (marked.getContextMark().getLine() + 1)
                            + ", column "
                            + (marked.getContextMark().getColumn() + 1))
                    + ")";
        return "cannot parse at line "
            + (mark.getLine() + 1)
            + ", column "
            + (mark.getColumn() + 1)
            + ": "
            + firstLine(marked.getProblem())
            + context;
      }
    }
    JsonLocation location = failure.getLocation();
    String at =
        location == null || location.getLineNr() < 1
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return "cannot parse" + at + ": " + firstLine(failure.getOriginalMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Receives each document as it is read. */
  @FunctionalInterface
  interface DocumentSink {
    void accept(Document document);
  }

  private static JsonNode value(
      AnchorReportingParser parser,
      JsonToken token,
      Map<String, JsonNode> anchors,
      Set<String> unresolved)
      throws IOException {
    if (parser.isCurrentAlias()) {
      JsonNode target = anchors.get(parser.getText());
      if (target == null) {
        unresolved.add(parser.getText());
        return NODES.nullNode();
      }
      return target.deepCopy();
    }
    String anchor = parser.anchor();
    JsonNode node =
        switch (token) {
          case START_OBJECT -> mapping(parser, anchors, unresolved);
          case START_ARRAY -> sequence(parser, anchors, unresolved);
          case VALUE_STRING -> NODES.textNode(parser.getText());
          case VALUE_NUMBER_INT ->
              switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
              };
          case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
          case VALUE_TRUE -> NODES.booleanNode(true);
          case VALUE_FALSE -> NODES.booleanNode(false);
          case VALUE_EMBEDDED_OBJECT -> NODES.pojoNode(parser.getEmbeddedObject());
          default -> NODES.nullNode();
        };
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private static ObjectNode mapping(
      AnchorReportingParser parser, Map<String, JsonNode> anchors, Set<String> unresolved)
      throws IOException {
    ObjectNode object = NODES.objectNode();
    List<JsonNode> merged = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonNode value = value(parser, parser.nextToken(), anchors, unresolved);
      if (MERGE_KEY.equals(key)) {
        merged.add(value);
      } else {
        object.set(key, value);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IllegalStateException("unexpected " + token + " in a YAML mapping");
    }
    // Keys the mapping sets itself win; of the merged mappings, the earlier wins (YAML merge).
    for (JsonNode source : merged) {
      if (source.isObject()) {
        mergeInto(object, source);
      } else if (source.isArray()) {
        for (JsonNode element : source) {
          if (element.isObject()) {
            mergeInto(object, element);
          }
        }
      }
    }
    return object;
  }

  private static void mergeInto(ObjectNode object, JsonNode source) {
    for (Map.Entry<String, JsonNode> field : source.properties()) {
      if (!object.has(field.getKey())) {
        object.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  private static ArrayNode sequence(
      AnchorReportingParser parser, Map<String, JsonNode> anchors, Set<String> unresolved)
      throws IOException {
    ArrayNode array = NODES.arrayNode();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new IllegalStateException("unexpected end of input in a YAML sequence");
      }
      array.add(value(parser, token, anchors, unresolved));
    }
    return array;
  }

  /** Makes {@link AnchorReportingParser}s. */
  private static final class AnchorReportingFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
      return new AnchorReportingParser(
          context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
    }
  }

  /**
   * Jackson's YAML parser, telling the anchor of the current node: it reports anchors of mappings
   * and sequences as object ids, but drops those of scalars, so those are read from the YAML event.
   */
  private static final class AnchorReportingParser extends YAMLParser {

    AnchorReportingParser(
        IOContext context,
        int parserFeatures,
        int yamlFeatures,
        LoaderOptions options,
        ObjectCodec codec,
        Reader reader) {
      super(context, parserFeatures, yamlFeatures, options, codec, reader);
    }

    /** The anchor ({@code &name}) of the node the current token starts, or null. */
    String anchor() throws IOException {
      if (_lastEvent instanceof ScalarEvent scalar) {
        return scalar.getAnchor();
      }
      return getObjectId();
    }
  }
}
