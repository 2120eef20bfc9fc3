package lsmviz.app.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import lsmviz.engine.event.EngineEvent;

/**
 * Turns engine events into JSON objects and back, by reflection over record components, so a
 * field added to an event is written and read without touching this class. Every record type
 * reachable from {@link EngineEvent} is checked once, when the class loads: a component of a type
 * this codec cannot carry fails there, not halfway through a file.
 *
 * <p>Mapping: {@code long}, {@code int}, {@code short}, {@code byte} (and their boxes) are JSON
 * integers, {@code double} and {@code float} JSON numbers, {@code boolean} JSON booleans,
 * {@code String} JSON strings, enums their constant's name, records JSON objects with one member
 * per component, lists and arrays (also {@code byte[]}) JSON arrays. Reference values may be
 * {@code null}; primitives may not.
 */
final class EventCodec {
    /** The member that names the event's record type. */
    static final String TYPE = "type";

    /** Event type names (the record's simple name) to their record classes. */
    private static final Map<String, Class<?>> TYPES;
    /** Record shapes, all filled in while the class loads (declared before the block that fills them). */
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();
    private static final Set<Class<?>> SCALARS = Set.of(String.class, Long.class, Integer.class, Short.class,
            Byte.class, Boolean.class, Double.class, Float.class);

    static {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (Class<?> c : EngineEvent.class.getPermittedSubclasses()) {
            Shape s = shape(c);
            if (Arrays.asList(s.names).contains(TYPE)) {
                throw new IllegalStateException(c.getName() + " has a component named \"" + TYPE
                        + "\", which the trace format uses for the event type");
            }
            if (types.put(c.getSimpleName(), c) != null) {
                throw new IllegalStateException("two event types are called " + c.getSimpleName());
            }
        }
        TYPES = Collections.unmodifiableMap(types);
    }

    private EventCodec() {}

    /** The names of every event type, as written in the {@code type} member. */
    static Set<String> typeNames() {
        return TYPES.keySet();
    }

    /** What is wrong with a JSON value, with the path of the member it was found at. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }

    /** One record type: its components and how to build it. */
    private record Shape(Class<?> type, String[] names, Method[] accessors, Type[] types, Constructor<?> constructor) {}

    private static Shape shape(Class<?> c) {
        Shape s = SHAPES.get(c);
        if (s != null) {
            return s;
        }
        if (!c.isRecord()) {
            throw new IllegalStateException(c.getName() + " is not a record: the trace format carries records only");
        }
        RecordComponent[] rc = c.getRecordComponents();
        String[] names = new String[rc.length];
        Method[] accessors = new Method[rc.length];
        Type[] types = new Type[rc.length];
        Class<?>[] raw = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            names[i] = rc[i].getName();
            accessors[i] = rc[i].getAccessor();
            types[i] = rc[i].getGenericType();
            raw[i] = rc[i].getType();
        }
        try {
            s = new Shape(c, names, accessors, types, c.getDeclaredConstructor(raw));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(c.getName() + " has no canonical constructor", e);
        }
        SHAPES.put(c, s);
        for (Type t : types) {
            check(t, c.getName());
        }
        return s;
    }

    /** Fails unless values of type {@code t} can be written and read. */
    private static void check(Type t, String where) {
        if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
            check(p.getActualTypeArguments()[0], where);
            return;
        }
        if (t instanceof Class<?> c) {
            if (c.isArray()) {
                check(c.getComponentType(), where);
                return;
            }
            if (c.isPrimitive() ? c != char.class && c != void.class : SCALARS.contains(c) || c.isEnum()) {
                return;
            }
            if (c.isRecord()) {
                shape(c);
                return;
            }
        }
        throw new IllegalStateException(where + " has a component of type " + t.getTypeName()
                + ", which the trace format cannot carry");
    }

    // ---------------------------------------------------------------------------------------- write

    /** Writes one event as one JSON object: {@code type} first, then every component by name. */
    static void write(JsonGenerator g, EngineEvent e) throws IOException {
        Shape s = shape(e.getClass());
        g.writeStartObject();
        g.writeStringField(TYPE, e.getClass().getSimpleName());
        writeMembers(g, s, e);
        g.writeEndObject();
    }

    private static void writeMembers(JsonGenerator g, Shape s, Object record) throws IOException {
        for (int i = 0; i < s.names.length; i++) {
            g.writeFieldName(s.names[i]);
            writeValue(g, get(s.accessors[i], record), s.types[i]);
        }
    }

    private static Object get(Method accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }

    private static void writeValue(JsonGenerator g, Object v, Type t) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Enum<?> en) {
            g.writeString(en.name());
        } else if (v instanceof List<?> list) {
            Type element = ((ParameterizedType) t).getActualTypeArguments()[0];
            g.writeStartArray();
            for (Object x : list) {
                writeValue(g, x, element);
            }
            g.writeEndArray();
        } else if (v.getClass().isArray()) {
            Class<?> element = v.getClass().getComponentType();
            int n = Array.getLength(v);
            g.writeStartArray();
            for (int i = 0; i < n; i++) {
                writeValue(g, Array.get(v, i), element);
            }
            g.writeEndArray();
        } else if (v instanceof Record) {
            g.writeStartObject();
            writeMembers(g, shape(v.getClass()), v);
            g.writeEndObject();
        } else {
            throw new IllegalStateException("cannot write a " + v.getClass().getName());
        }
    }

    // ----------------------------------------------------------------------------------------- read

    /**
     * Reads one event from a JSON object.
     *
     * @throws BadValue naming the event type and the member that is missing, unknown or of the wrong kind
     */
    static EngineEvent read(JsonNode node) throws BadValue {
        if (!node.isObject()) {
            throw new BadValue("expected a JSON object, got " + kind(node));
        }
        JsonNode type = node.get(TYPE);
        if (type == null) {
            throw new BadValue("the event has no \"" + TYPE + "\" member");
        }
        if (!type.isTextual()) {
            throw new BadValue("\"" + TYPE + "\" must be a string, got " + kind(type));
        }
        Class<?> c = TYPES.get(type.textValue());
        if (c == null) {
            throw new BadValue("unknown event type \"" + type.textValue() + "\" (known: " + String.join(", ", TYPES.keySet())
                    + ")");
        }
        return (EngineEvent) readRecord(node, shape(c), c.getSimpleName(), TYPE);
    }

    /**
     * Members added to an event after traces were first written: a trace without them still
     * reads, with null (or 0) in their place. Every other member is required.
     */
    private static final Map<Class<?>, Set<String>> ADDED_LATER = Map.of(
            EngineEvent.SSTableSummary.class, Set.of("level"),
            EngineEvent.WriteStallBegan.class, Set.of("reason"));

    private static boolean addedLater(Class<?> type, String member) {
        return ADDED_LATER.getOrDefault(type, Set.of()).contains(member);
    }

    private static Object defaultValue(Type t) {
        if (t == int.class || t == short.class || t == byte.class) {
            return t == int.class ? (Object) 0 : t == short.class ? (Object) (short) 0 : (Object) (byte) 0;
        }
        if (t == long.class) {
            return 0L;
        }
        if (t == double.class || t == float.class) {
            return t == double.class ? (Object) 0.0 : (Object) 0.0f;
        }
        return t == boolean.class ? false : null;
    }

    private static Object readRecord(JsonNode node, Shape s, String path, String ignored) throws BadValue {
        Object[] args = new Object[s.names.length];
        for (int i = 0; i < s.names.length; i++) {
            JsonNode v = node.get(s.names[i]);
            String at = path + "." + s.names[i];
            if (v == null && addedLater(s.type, s.names[i])) {
                args[i] = defaultValue(s.types[i]);
                continue;
            }
            if (v == null) {
                throw new BadValue(at + " is missing");
            }
            args[i] = readValue(v, s.types[i], at);
        }
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!f.equals(ignored) && !Arrays.asList(s.names).contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadValue(path + " has unknown member" + (unknown.size() == 1 ? " " : "s ") + unknown);
        }
        try {
            return s.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new BadValue(path + " rejected its values: " + e.getCause().getMessage());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot build " + s.type.getName(), e);
        }
    }

    private static Object readValue(JsonNode v, Type t, String at) throws BadValue {
        if (t instanceof ParameterizedType p) { // a List, as checked when the class loaded
            if (v.isNull()) {
                return null;
            }
            if (!v.isArray()) {
                throw new BadValue(at + ": expected an array, got " + kind(v));
            }
            Type element = p.getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                out.add(readValue(v.get(i), element, at + "[" + i + "]"));
            }
            return Collections.unmodifiableList(out);
        }
        Class<?> c = (Class<?>) t;
        if (v.isNull()) {
            if (c.isPrimitive()) {
                throw new BadValue(at + ": expected " + expected(c) + ", got null");
            }
            return null;
        }
        if (c == long.class || c == Long.class) {
            return integral(v, c, at, Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (c == int.class || c == Integer.class) {
            return (int) integral(v, c, at, Integer.MIN_VALUE, Integer.MAX_VALUE);
        } else if (c == short.class || c == Short.class) {
            return (short) integral(v, c, at, Short.MIN_VALUE, Short.MAX_VALUE);
        } else if (c == byte.class || c == Byte.class) {
            return (byte) integral(v, c, at, Byte.MIN_VALUE, Byte.MAX_VALUE);
        } else if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            if (!v.isNumber()) {
                throw new BadValue(at + ": expected a number, got " + kind(v));
            }
            return c == double.class || c == Double.class ? (Object) v.doubleValue() : (Object) v.floatValue();
        } else if (c == boolean.class || c == Boolean.class) {
            if (!v.isBoolean()) {
                throw new BadValue(at + ": expected true or false, got " + kind(v));
            }
            return v.booleanValue();
        } else if (c == String.class) {
            if (!v.isTextual()) {
                throw new BadValue(at + ": expected a string, got " + kind(v));
            }
            return v.textValue();
        } else if (c.isEnum()) {
            return enumValue(v, c, at);
        } else if (c.isArray()) {
            if (!v.isArray()) {
                throw new BadValue(at + ": expected an array, got " + kind(v));
            }
            Object out = Array.newInstance(c.getComponentType(), v.size());
            for (int i = 0; i < v.size(); i++) {
                Array.set(out, i, readValue(v.get(i), c.getComponentType(), at + "[" + i + "]"));
            }
            return out;
        } else if (c.isRecord()) {
            if (!v.isObject()) {
                throw new BadValue(at + ": expected an object, got " + kind(v));
            }
            return readRecord(v, shape(c), at, null);
        }
        throw new IllegalStateException("cannot read a " + c.getName());
    }

    private static long integral(JsonNode v, Class<?> c, String at, long min, long max) throws BadValue {
        if (!v.isIntegralNumber()) {
            throw new BadValue(at + ": expected " + expected(c) + ", got " + kind(v));
        }
        if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw new BadValue(at + ": " + v.asText() + " is outside " + min + ".." + max);
        }
        return v.longValue();
    }

    private static Object enumValue(JsonNode v, Class<?> c, String at) throws BadValue {
        if (v.isTextual()) {
            for (Object k : c.getEnumConstants()) {
                if (((Enum<?>) k).name().equals(v.textValue())) {
                    return k;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Object k : c.getEnumConstants()) {
            names.add(((Enum<?>) k).name());
        }
        throw new BadValue(at + ": expected one of " + String.join(", ", names) + ", got " + kind(v));
    }

    private static String expected(Class<?> c) {
        return c == boolean.class ? "true or false" : c.isPrimitive() ? "a whole number" : c.getSimpleName();
    }

    /** A short description of a JSON value for a message: its kind and, for scalars, the value. */
    static String kind(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isNull()) {
            return "null";
        }
        String text = v.toString();
        if (text.length() > 40) {
            text = text.substring(0, 39) + "…";
        }
        return (v.isTextual() ? "the string " : v.isNumber() ? "the number " : "") + text;
    }
}
