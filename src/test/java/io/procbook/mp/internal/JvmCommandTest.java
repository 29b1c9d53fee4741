package io.procbook.mp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.internal.child.ChildMain;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmCommandTest {

    @Test
    void theChildsMainClassIsNamedRight() throws Exception {
        // The parent names the child's main class as a string (a class literal there would be a package
        // cycle); this binds that string to the class, so a rename or move that misses it fails here.
        assertEquals(ChildMain.class.getName(), JvmCommand.CHILD_MAIN);
        int m = ChildMain.class.getMethod("main", String[].class).getModifiers();
        assertTrue(Modifier.isStatic(m) && Modifier.isPublic(m), "ChildMain.main(String[]) is the launcher's entry");
        assertTrue(JvmCommand.build("cp", "localhost:1", false, List.of(), List.of()).contains(JvmCommand.CHILD_MAIN));
    }
}
