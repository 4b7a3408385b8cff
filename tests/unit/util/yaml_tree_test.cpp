// The YAML position tree the catalog, manifest and rule loaders read: where each value starts,
// and what an anchor and an alias become.
#include <doctest/doctest.h>

#include <yaml-cpp/exceptions.h>

#include "support/test_support.hpp"
#include "util/yaml_tree.hpp"

using namespace sparkfit;
using yaml::YamlValue;

TEST_SUITE("util") {
  TEST_CASE("each YAML value keeps its line, column and offset in the text") {
    const std::string text = "a: 1\nlist:\n  - \"two\"\n";
    const YamlValue root = yaml::parse_yaml(text);
    REQUIRE(root.children.size() == 4);
    const YamlValue& item = root.children[3].children.at(0);
    CHECK(item.scalar == "two");
    CHECK(item.line == 2);
    CHECK(item.column == 4);
    CHECK(item.pos == static_cast<int>(text.find("\"two\"")));
    CHECK(item.tag == "!");
  }

  TEST_CASE("the catalogs' and manifests' loaders refuse anchors and aliases") {
    CHECK(testing::error_of([] { yaml::load_yaml("a: &x 1\nb: *x\n", "c.yaml"); }) ==
          "c.yaml:1:4: error: invalid YAML: anchors are not supported here\n"
          "a: &x 1\n"
          "   ^");
    CHECK_THROWS_AS(yaml::parse_yaml("a: *x\n"), YAML::ParserException);
  }

  TEST_CASE("expanded, an alias is a copy of its anchor's value with the anchor's positions") {
    const YamlValue root = yaml::parse_yaml("a: &x [1, 2]\nb: *x\nc: &y 3\nd: *y\n", yaml::Aliases::expand);
    REQUIRE(root.children.size() == 8);
    const YamlValue& b = root.children[3];
    CHECK(b.is_sequence());
    REQUIRE(b.children.size() == 2);
    CHECK(b.children[1].scalar == "2");
    CHECK(b.line == 0);
    CHECK(b.column == 3);
    const YamlValue& d = root.children[7];
    CHECK(d.scalar == "3");
    CHECK(d.line == 2);
  }
}
