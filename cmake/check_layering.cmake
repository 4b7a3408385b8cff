# Fails the build when an engine file includes a CLI header: the engine (every folder of src/ but
# cli/, and include/sparkfit/ but cli/) must build and be tested without the command line above it.
#   cmake -DSOURCE_DIR=<project root> -P cmake/check_layering.cmake
file(GLOB_RECURSE engine_files
  ${SOURCE_DIR}/src/*.cpp ${SOURCE_DIR}/src/*.hpp ${SOURCE_DIR}/include/sparkfit/*.hpp)
list(FILTER engine_files EXCLUDE REGEX "/src/cli/|/include/sparkfit/cli/|/src/main\\.cpp$")
set(violations "")
foreach(file ${engine_files})
  file(STRINGS ${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<](sparkfit/)?cli/")
  foreach(line ${includes})
    file(RELATIVE_PATH relative ${SOURCE_DIR} ${file})
    string(STRIP "${line}" line)
    string(APPEND violations "  ${relative}: ${line}\n")
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "layering: engine files include CLI headers (src/cli/ sits above the engine; "
                      "move the shared code into the engine instead):\n${violations}")
endif()
