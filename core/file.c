#include "core/file.h"

#include <errno.h>

enum ea_err ea_file_read_stream(FILE *f, struct ea_buf *out)
{
    char chunk[16384];
    size_t n;

    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        ea_buf_addn(out, chunk, n);
        if (ea_buf_overflow(out))
            return EA_LIMIT;
    }
    return ferror(f) ? EA_IO : EA_OK;
}

enum ea_err ea_file_read(const char *path, struct ea_buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return EA_IO;
    enum ea_err err = ea_file_read_stream(f, out);
    int saved = errno;
    fclose(f);
    errno = saved;
    return err;
}
