package io.procbook.mp.internal.lambda;

import io.procbook.mp.Task;
import io.procbook.mp.Task1;
import io.procbook.mp.Task2;
import io.procbook.mp.Task3;
import io.procbook.mp.internal.Serial;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The form in which a Process target lambda travels, and what it is rebuilt as. */
class LambdaCopyTest {

    static final List<Object> SEEN = new ArrayList<>();

    /** @return what {@code target} becomes after a trip through the parcel's serialization */
    private static Object travel(Object target) throws Exception {
        Object copy = LambdaCopy.of(target);
        assertInstanceOf(LambdaCopy.class, copy, "a plain task lambda travels as a LambdaCopy");
        return Serial.fromBytes(Serial.toBytes(copy), LambdaCopyTest.class.getClassLoader(), null);
    }

    @Test
    void capturedValuesAndArgumentsOfEachArityReachTheRebuiltTask() throws Exception {
        SEEN.clear();
        int n = 5;
        String s = "captured";
        Task t0 = () -> SEEN.add(s + n);
        Task1<String> t1 = a -> SEEN.add(a.length() + n);
        Task2<String, Integer> t2 = (a, b) -> SEEN.add(a + b);
        Task3<String, Integer, Long> t3 = (a, b, c) -> SEEN.add(a + b + c);
        Task back0 = (Task) travel(t0);
        back0.run();
        @SuppressWarnings("unchecked") Task1<String> back1 = (Task1<String>) travel(t1);
        back1.run("abc");
        @SuppressWarnings("unchecked") Task2<String, Integer> back2 = (Task2<String, Integer>) travel(t2);
        back2.run("x", 2);
        @SuppressWarnings("unchecked") Task3<String, Integer, Long> back3 = (Task3<String, Integer, Long>) travel(t3);
        back3.run("y", 3, 4L);
        assertEquals(List.of("captured5", 8, "x2", "y34"), SEEN);
        assertFalse(back0.getClass().isHidden(), "rebuilt without the lambda metafactory: " + back0.getClass());
    }

    static void takesInt(int i) {
        SEEN.add(i * 2);
    }

    static String returnsSomething(String a) {
        SEEN.add(a);
        return a;
    }

    @Test
    void methodReferencesOfEveryKindWithUnboxingAndDroppedResults() throws Exception {
        SEEN.clear();
        Task1<Integer> unboxes = LambdaCopyTest::takesInt;                  // static, int parameter
        Task1<String> dropsResult = LambdaCopyTest::returnsSomething;       // static, result ignored
        ArrayList<String> list = new ArrayList<>(List.of("kept"));
        Task1<String> bound = list::add;                                    // virtual, captured receiver
        Task1<List<String>> unbound = List::clear;                          // interface, receiver is the argument
        Task1<String> constructor = StringBuilder::new;                     // constructor, result ignored
        @SuppressWarnings("unchecked") Task1<Integer> u = (Task1<Integer>) travel(unboxes);
        u.run(21);
        @SuppressWarnings("unchecked") Task1<String> d = (Task1<String>) travel(dropsResult);
        d.run("dropped");
        @SuppressWarnings("unchecked") Task1<String> b = (Task1<String>) travel(bound);
        b.run("added to the copy");
        assertEquals(List.of("kept"), list, "the receiver is a copy");
        List<String> toClear = new ArrayList<>(List.of("a"));
        @SuppressWarnings("unchecked") Task1<List<String>> c = (Task1<List<String>>) travel(unbound);
        c.run(toClear);
        assertEquals(List.of(), toClear);
        @SuppressWarnings("unchecked") Task1<String> k = (Task1<String>) travel(constructor);
        k.run("x");
        assertEquals(List.of(42, "dropped"), SEEN);
    }

    /** A serializable object whose lambda captures {@code this}. */
    static final class Holder implements Serializable {
        private final String field;

        Holder(String field) {
            this.field = field;
        }

        Task task() {
            return () -> SEEN.add(field + " from " + describe());
        }

        private String describe() {
            return "a private method";
        }
    }

    @Test
    void aLambdaCapturingThisCallsItsPrivateMethodsOnTheCopy() throws Exception {
        SEEN.clear();
        ((Task) travel(new Holder("held").task())).run();
        assertEquals(List.of("held from a private method"), SEEN);
    }

    @Test
    void aRebuiltTaskThrowsWhatTheLambdaThrowsAndTravelsAgain() throws Exception {
        SEEN.clear();
        Task failing = () -> {
            throw new IOException("checked, from the lambda");
        };
        Task back = (Task) travel(failing);
        IOException e = assertThrows(IOException.class, back::run);
        assertEquals("checked, from the lambda", e.getMessage());

        int n = 7;
        Task again = (Task) Serial.fromBytes(Serial.toBytes(travel((Task) () -> SEEN.add(n))),
                LambdaCopyTest.class.getClassLoader(), null);
        again.run();
        assertEquals(List.of(7), SEEN);
    }

    interface Marker { }

    @Test
    void onlyPlainTaskLambdasAreTakenApart() {
        Task withMarker = (Task & Marker) () -> { };
        assertSame(withMarker, LambdaCopy.of(withMarker), "an intersection lambda keeps the JDK's form");
        Runnable notATask = (Runnable & Serializable) () -> { };
        assertSame(notATask, LambdaCopy.of(notATask));
        Task named = new Named();
        assertSame(named, LambdaCopy.of(named));
        assertNull(LambdaCopy.of(null));
    }

    static final class Named implements Task {
        @Override
        public void run() { }
    }

    @Test
    void theJdkFormStillDescribesTheLambdaForTheCodeWalk() throws Exception {
        int n = 3;
        Task t = () -> SEEN.add(n);
        LambdaCopy copy = (LambdaCopy) LambdaCopy.of(t);
        var form = copy.form();
        assertEquals(LambdaCopyTest.class.getName().replace('.', '/'), form.getCapturingClass());
        assertEquals("io/procbook/mp/Task", form.getFunctionalInterfaceClass());
        assertEquals("run", form.getFunctionalInterfaceMethodName());
        assertEquals("()V", form.getFunctionalInterfaceMethodSignature());
        assertEquals(1, form.getCapturedArgCount());
        assertEquals(3, form.getCapturedArg(0));
        assertTrue(form.getImplMethodName().startsWith("lambda$"), form.getImplMethodName());
    }
}
