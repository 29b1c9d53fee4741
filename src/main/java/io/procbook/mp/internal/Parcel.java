package io.procbook.mp.internal;

import java.util.List;
import java.util.Map;

/**
 * An object on its way to a child together with what it needs from the notebook: the bytecode of the
 * notebook classes it can reach and the values their variables had when the parcel was made.
 *
 * @param object  the serialized object
 * @param classes binary class name to class file bytes
 * @param statics binary class name to the values of its static fields
 */
public record Parcel(byte[] object, Map<String, byte[]> classes, Map<String, List<StaticValue>> statics) { }
