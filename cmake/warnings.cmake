# gb_warnings: the warning set every target links (shared/style.md, point 12).
add_library(gb_warnings INTERFACE)
add_library(groupbuy::warnings ALIAS gb_warnings)
target_compile_options(gb_warnings INTERFACE
  -Wall -Wextra -Wshadow -Wconversion -Wsign-conversion -Wpedantic
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
# GCC 12 at -O3 reports -Wrestrict on libstdc++'s own std::string
# concatenation (GCC bug 105329, fixed in 13): a false positive, not ours.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(gb_warnings INTERFACE -Wno-restrict)
endif()
if(GB_WERROR)
  target_compile_options(gb_warnings INTERFACE -Werror)
endif()

# gb_add_library(NAME SOURCES ... [DEPS ...] [PRIVATE_DEPS ...]): a library
# target groupbuy::NAME with the warnings. DEPS are linked PUBLIC: a type of
# theirs is in one of NAME's headers, so NAME's users need them too.
# PRIVATE_DEPS are used only by NAME's .cpp files and stay out of its users'
# usage requirements (include paths, flags); a static library still passes
# them on to the final link. scripts/check_layers.py reads both keywords.
function(gb_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(gb_${name} STATIC ${ARG_SOURCES})
  add_library(groupbuy::${name} ALIAS gb_${name})
  target_include_directories(gb_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(gb_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS} gb_warnings)
endfunction()
