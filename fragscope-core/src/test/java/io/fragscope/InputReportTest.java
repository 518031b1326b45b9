package io.fragscope;

import io.fragscope.source.Setting;
import org.junit.jupiter.api.Test;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The file system's exceptions name only the path (the JDK's UnixException gives AccessDeniedException("perm/a.txt")
 * for EACCES): an input's line says the reason instead of the path twice. The live case (a file of mode 000 in a
 * walked folder, run as another user) was checked by hand with setpriv; tests run as root, whom no mode stops.
 */
class InputReportTest {
    private static final Path FILE = Path.of("perm/a.txt");

    @Test
    void aFileSystemErrorIsToldByItsReason() {
        assertEquals("perm/a.txt: permission denied", InputReport.errorMessage(FILE, new AccessDeniedException("perm/a.txt"), Setting.LIBRARY));
        assertEquals("perm/a.txt: no such file or folder", InputReport.errorMessage(FILE, new NoSuchFileException("perm/a.txt"), Setting.LIBRARY));
        assertEquals("perm/a.txt: file system", InputReport.errorMessage(FILE, new FileSystemException("perm/a.txt"), Setting.LIBRARY));
        // with a reason (EISDIR, EIO …) the JDK's own text stays
        assertEquals("perm/a.txt: Input/output error",
                InputReport.errorMessage(FILE, new FileSystemException("perm/a.txt", null, "Input/output error"), Setting.LIBRARY));
        assertEquals("perm/a.txt: bad", InputReport.errorMessage(FILE, new java.io.IOException("bad"), Setting.LIBRARY));
    }
}
