# Project-wide warning flags (DESIGN.md "Conventions"). -Werror is opt-in (EA_WERROR) so that a
# newer compiler cannot break a user's build; the dev, asan and ci presets turn it on.
set(EA_WARNINGS
    -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wold-style-definition -Wformat=2 -Wvla -Wwrite-strings -Wpointer-arith -Wundef
    -Wconversion -Wno-sign-conversion)
if(CMAKE_C_COMPILER_ID MATCHES "Clang")
    list(APPEND EA_WARNINGS -Wmissing-variable-declarations)
endif()
if(EA_WERROR)
    list(APPEND EA_WARNINGS -Werror)
endif()

if(EA_SANITIZE)
    add_compile_options(-fsanitize=${EA_SANITIZE} -fno-sanitize-recover=all
                        -fno-omit-frame-pointer)
    add_link_options(-fsanitize=${EA_SANITIZE})
endif()

# ea_module(NAME SOURCES... PUBLIC_DEPS ... PRIVATE_DEPS ...): one static library per folder.
function(ea_module name)
    cmake_parse_arguments(M "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
    add_library(${name} STATIC ${M_SOURCES})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_compile_options(${name} PRIVATE ${EA_WARNINGS})
    target_link_libraries(${name} PUBLIC ${M_PUBLIC} PRIVATE ${M_PRIVATE})
endfunction()
