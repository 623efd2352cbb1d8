// libvips for Byline's images. Swift cannot call C's variadic functions, so each call Byline
// makes is wrapped here with its options spelled out; nothing else is exposed.
#ifndef BYLINE_CVIPS_SHIM_H
#define BYLINE_CVIPS_SHIM_H

#include <vips/vips.h>

/// Starts libvips once per process and allows only the loaders Byline accepts: every other
/// loader (SVG, PDF, TIFF, FITS, Matlab, ...) is blocked, so a file claiming to be an image
/// can reach only JPEG, PNG, WebP and GIF decoding. Returns 0 on success.
static inline int byline_vips_start(void) {
    // A damaged file's details come back as the error that refuses it; libvips' warnings about
    // it would only clutter the server's standard error (VIPS_WARNING is read by vips_init).
    g_setenv("VIPS_WARNING", "0", FALSE);
    if (VIPS_INIT("byline") != 0) return -1;
    // Each upload is decoded once; libvips' operation cache would only hold memory.
    vips_cache_set_max(0);
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    vips_operation_block_set("VipsForeignLoadJpegBuffer", FALSE);
    vips_operation_block_set("VipsForeignLoadPngBuffer", FALSE);
    vips_operation_block_set("VipsForeignLoadWebpBuffer", FALSE);
    vips_operation_block_set("VipsForeignLoadNsgifBuffer", FALSE);
    return 0;
}

/// The image's header only (no pixels decoded): NULL when no allowed loader knows the bytes.
static inline VipsImage *byline_vips_header(const void *data, size_t length) {
    return vips_image_new_from_buffer(data, length, "", NULL);
}

/// Decodes and shrinks in one pass (shrink-on-load), turned upright by its EXIF orientation and
/// converted to sRGB, at most `width` wide and never enlarged; a truncated or damaged file fails.
static inline int byline_vips_thumbnail(const void *data, size_t length, int width, VipsImage **out) {
    return vips_thumbnail_buffer((void *)data, length, out, width, "option_string", "fail_on=truncated", "height",
                                 VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
}

/// A smaller copy of an already decoded image, at most `width` wide.
static inline int byline_vips_thumbnail_image(VipsImage *in, int width, VipsImage **out) {
    return vips_thumbnail_image(in, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, NULL);
}

/// Decodes the whole image into memory, so later steps read it once.
static inline VipsImage *byline_vips_in_memory(VipsImage *in) {
    return vips_image_copy_memory(in);
}

/// A copy with no metadata at all: EXIF (camera, GPS, times), XMP, IPTC and ICC profiles. The
/// savers' own `strip` option leaves EXIF in WebP files in libvips 8.14, so it is removed here.
static inline int byline_vips_without_metadata(VipsImage *in, VipsImage **out) {
    if (vips_copy(in, out, NULL) != 0) return -1;
    gchar **fields = vips_image_get_fields(*out);
    for (int i = 0; fields[i] != NULL; i++) {
        const char *name = fields[i];
        if (g_str_has_prefix(name, "exif-") || g_str_has_prefix(name, "xmp-") || g_str_has_prefix(name, "iptc-") ||
            g_str_has_prefix(name, "icc-profile-") || g_str_has_prefix(name, "png-comment-") ||
            g_str_equal(name, "orientation") || g_str_has_prefix(name, "gif-comment")) {
            vips_image_remove(*out, name);
        }
    }
    g_strfreev(fields);
    return 0;
}

/// JPEG has no transparency: alpha is flattened onto white.
static inline int byline_vips_flatten_white(VipsImage *in, VipsImage **out) {
    VipsArrayDouble *white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    int result = vips_flatten(in, out, "background", white, NULL);
    vips_area_unref(VIPS_AREA(white));
    return result;
}

/// JPEG without any metadata (EXIF, GPS, XMP, ICC), progressive, optimised Huffman tables.
static inline int byline_vips_jpeg(VipsImage *in, int quality, void **buffer, size_t *length) {
    return vips_jpegsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
                                "interlace", TRUE, NULL);
}

/// WebP without any metadata.
static inline int byline_vips_webp(VipsImage *in, int quality, void **buffer, size_t *length) {
    return vips_webpsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE, NULL);
}

static inline void byline_vips_unref(VipsImage *image) {
    if (image) g_object_unref(image);
}

#endif
