package io.procbook.mp.internal.manager;

import io.procbook.mp.Namespace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/** The server side of {@code Manager.namespace}. */
final class NamespaceObject implements Namespace {

    private final Map<String, Object> attributes = new LinkedHashMap<>();

    @Override
    public synchronized Object get(String name) {
        if (!attributes.containsKey(name)) {
            throw new NoSuchElementException("the namespace has no attribute '" + name + "'; it has "
                    + attributes.keySet());
        }
        return attributes.get(name);
    }

    @Override
    public synchronized void set(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public synchronized boolean has(String name) {
        return attributes.containsKey(name);
    }

    @Override
    public synchronized void remove(String name) {
        attributes.remove(name);
    }

    @Override
    public synchronized Map<String, Object> asMap() {
        return new LinkedHashMap<>(attributes);
    }

    @Override
    public synchronized String toString() {
        return attributes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "Namespace(", ")"));
    }
}
