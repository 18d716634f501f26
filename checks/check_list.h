/* One line per check, sorted by id (test_checks enforces it). No include guard: check.h and
 * registry.c include it with different CHECK() definitions. */
CHECK(button_name)
CHECK(document_title)
CHECK(frame_title)
CHECK(html_has_lang)
CHECK(html_lang_valid)
CHECK(image_alt)
CHECK(label)
CHECK(link_name)
CHECK(meta_refresh)
CHECK(meta_viewport)
