#!/usr/bin/env bash
# Splits the single-module layout into Maven modules (issue "one core, many front ends", point 6):
#
#   fragscope-core     io.fragscope (the library API), .source, .model, .analysis  — no POI, Jackson, Commons CLI, progressbar
#   fragscope-reports  io.fragscope.report (XLSX, CSV, JSON, summary.md, fragscope.prom) and the message bundles
#   fragscope-cli      io.fragscope.cli, shaded into the runnable target/fragscope.jar at the top
#
# It only moves files with `git mv` and writes the poms, so it can be replayed on a newer main: run it from the
# repository root on a clean tree, check `mvn -B -q -DskipTests package`, and commit the result alone.
# Re-running it after a partial or complete split moves what is still in src/ and rewrites the poms.
#
# Tests go where their dependencies are: a test that names io.fragscope.cli, or a test class placed in the CLI
# module, goes to fragscope-cli; one that names io.fragscope.report (or a test class placed there) to
# fragscope-reports; everything else to fragscope-core. Test resources stay with the core; its test-jar
# (testing helpers and resources) is a test dependency of the other modules. Every module's tests run
# from the repository root, so `samples/` and `../shared/` resolve as before.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

CORE=fragscope-core REPORTS=fragscope-reports CLI=fragscope-cli
JAVA=src/main/java/io/fragscope

move() { # move SRC DEST: git mv one file or folder, creating the parent; merges into an existing folder
  local src=$1 dest=$2
  [ -e "$src" ] || return 0
  if [ -d "$src" ] && [ -d "$dest" ]; then
    local f
    while IFS= read -r -d '' f; do move "$f" "$dest/${f#"$src"/}"; done < <(find "$src" -type f -print0)
    return 0
  fi
  mkdir -p "$(dirname "$dest")"
  git mv -k "$src" "$dest"
}

# --- main code and resources: by package ---
move "$JAVA/cli" "$CLI/$JAVA/cli"
move "$JAVA/report" "$REPORTS/$JAVA/report"
move src/main/resources/io/fragscope/cli "$CLI/src/main/resources/io/fragscope/cli"
move src/main/resources/io/fragscope/report "$REPORTS/src/main/resources/io/fragscope/report"
if [ -d src/main ]; then
  while IFS= read -r -d '' f; do move "$f" "$CORE/$f"; done < <(git ls-files -z src/main)
fi

# --- tests: by what they name ---
if [ -d src/test/java ]; then
  mapfile -d '' tests < <(git ls-files -z 'src/test/java/*.java')
  declare -A mod
  for f in "${tests[@]}"; do
    if [[ $f == src/test/java/io/fragscope/cli/* ]] || grep -q 'io\.fragscope\.cli' "$f"; then mod[$f]=$CLI
    elif [[ $f == src/test/java/io/fragscope/report/* ]] || grep -q 'io\.fragscope\.report' "$f"; then mod[$f]=$REPORTS
    else mod[$f]=$CORE; fi
  done
  rank() { case $1 in "$CLI") echo 2;; "$REPORTS") echo 1;; *) echo 0;; esac; }
  changed=1
  while [ $changed = 1 ]; do   # a test that names a test class of a higher module follows it there
    changed=0
    for g in "${tests[@]}"; do
      [ "${mod[$g]}" = "$CORE" ] && continue
      name=$(basename "$g" .java)
      for f in "${tests[@]}"; do
        if [ "$(rank "${mod[$f]}")" -lt "$(rank "${mod[$g]}")" ] && grep -qw "$name" "$f"; then
          mod[$f]=${mod[$g]}; changed=1
        fi
      done
    done
  done
  for f in "${tests[@]}"; do move "$f" "${mod[$f]}/$f"; done
fi
if [ -d src/test ]; then
  while IFS= read -r -d '' f; do move "$f" "$CORE/$f"; done < <(git ls-files -z src/test)
fi
find src -type d -empty -delete 2>/dev/null || true

# --- poms ---
cat > pom.xml <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>

  <groupId>io.fragscope</groupId>
  <artifactId>fragscope-parent</artifactId>
  <version>0.1.0</version>
  <packaging>pom</packaging>
  <name>fragscope</name>
  <description>Offline analyzer of Redis memory fragmentation and allocator waste</description>

  <!--
    core: sources, model, analysis and the library API (no POI, Jackson, Commons CLI or progressbar);
    reports: the renderers; cli: the command line, shaded into target/fragscope.jar at the top.
  -->
  <modules>
    <module>fragscope-core</module>
    <module>fragscope-reports</module>
    <module>fragscope-cli</module>
  </modules>

  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <junit.version>5.11.4</junit.version>
    <jackson.version>2.18.2</jackson.version>
    <poi.version>5.4.1</poi.version>
    <!-- every module's tests run from the repository root: samples/, ../shared/ and scripts/ resolve as one tree -->
    <fragscope.root>${project.basedir}/..</fragscope.root>
  </properties>

  <dependencyManagement>
    <dependencies>
      <!-- jazzer-junit drags an older JUnit platform; the BOM keeps every JUnit artifact on one version. -->
      <dependency>
        <groupId>org.junit</groupId>
        <artifactId>junit-bom</artifactId>
        <version>${junit.version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
      <dependency>
        <groupId>io.fragscope</groupId>
        <artifactId>fragscope-core</artifactId>
        <version>${project.version}</version>
      </dependency>
      <dependency>
        <groupId>io.fragscope</groupId>
        <artifactId>fragscope-core</artifactId>
        <version>${project.version}</version>
        <type>test-jar</type>
        <scope>test</scope>
      </dependency>
      <dependency>
        <groupId>io.fragscope</groupId>
        <artifactId>fragscope-reports</artifactId>
        <version>${project.version}</version>
      </dependency>
      <dependency>
        <groupId>commons-cli</groupId>
        <artifactId>commons-cli</artifactId>
        <version>1.9.0</version>
      </dependency>
      <dependency>
        <groupId>org.apache.commons</groupId>
        <artifactId>commons-csv</artifactId>
        <version>1.14.1</version>
      </dependency>
      <dependency>
        <groupId>com.fasterxml.jackson.core</groupId>
        <artifactId>jackson-core</artifactId>
        <version>${jackson.version}</version>
      </dependency>
      <dependency>
        <groupId>org.apache.poi</groupId>
        <artifactId>poi-ooxml</artifactId>
        <version>${poi.version}</version>
        <exclusions>
          <!-- Only POI's formula functions use it; fragscope writes values and charts, never evaluates. -->
          <exclusion>
            <groupId>org.apache.commons</groupId>
            <artifactId>commons-math3</artifactId>
          </exclusion>
        </exclusions>
      </dependency>
      <!-- RDB strings and ziplists are LZF-compressed; compress-lzf is the maintained JVM codec. -->
      <dependency>
        <groupId>com.ning</groupId>
        <artifactId>compress-lzf</artifactId>
        <version>1.1.2</version>
      </dependency>
      <dependency>
        <groupId>me.tongfei</groupId>
        <artifactId>progressbar</artifactId>
        <version>0.10.1</version>
      </dependency>
      <dependency>
        <groupId>com.code-intelligence</groupId>
        <artifactId>jazzer-junit</artifactId>
        <version>0.24.0</version>
      </dependency>
    </dependencies>
  </dependencyManagement>

  <dependencies>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>

  <build>
    <pluginManagement>
      <plugins>
        <plugin>
          <groupId>org.apache.maven.plugins</groupId>
          <artifactId>maven-compiler-plugin</artifactId>
          <version>3.13.0</version>
        </plugin>
        <plugin>
          <groupId>org.apache.maven.plugins</groupId>
          <artifactId>maven-surefire-plugin</artifactId>
          <version>3.5.2</version>
          <configuration>
            <workingDirectory>${fragscope.root}</workingDirectory>
            <argLine>-Xmx1g</argLine>
            <trimStackTrace>true</trimStackTrace>
            <systemPropertyVariables>
              <!-- POI logs through log4j-api: its simple logger, as Main sets it, instead of "no logging provider" on stderr -->
              <log4j2.loggerContextFactory>org.apache.logging.log4j.simple.SimpleLoggerContextFactory</log4j2.loggerContextFactory>
              <org.apache.logging.log4j.simplelog.StatusLogger.level>OFF</org.apache.logging.log4j.simplelog.StatusLogger.level>
              <!-- Jazzer's generated corpus (.cifuzz-corpus) under target/, not in the worktree -->
              <jazzer.internal.basedir>${project.build.directory}</jazzer.internal.basedir>
            </systemPropertyVariables>
          </configuration>
        </plugin>
        <plugin>
          <groupId>org.apache.maven.plugins</groupId>
          <artifactId>maven-jar-plugin</artifactId>
          <version>3.4.2</version>
        </plugin>
        <plugin>
          <groupId>org.apache.maven.plugins</groupId>
          <artifactId>maven-shade-plugin</artifactId>
          <version>3.6.0</version>
        </plugin>
      </plugins>
    </pluginManagement>
  </build>
</project>
EOF

cat > "$CORE/pom.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>io.fragscope</groupId>
    <artifactId>fragscope-parent</artifactId>
    <version>0.1.0</version>
  </parent>

  <artifactId>fragscope-core</artifactId>
  <name>fragscope-core</name>
  <description>Readers, allocator and layout models, analysis and the library API; no report or CLI dependency</description>

  <dependencies>
    <!-- reading listings (rdb-tools, rdb-cli, hdt3213, keys.csv) -->
    <dependency>
      <groupId>org.apache.commons</groupId>
      <artifactId>commons-csv</artifactId>
    </dependency>
    <dependency>
      <groupId>com.ning</groupId>
      <artifactId>compress-lzf</artifactId>
    </dependency>

    <dependency>
      <groupId>com.code-intelligence</groupId>
      <artifactId>jazzer-junit</artifactId>
      <scope>test</scope>
    </dependency>
    <!-- the corpus's expected-key sidecars are JSON (testing.Json) -->
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-core</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <executions>
          <!--
            Every *FuzzTest also runs in the default execution, in regression mode (its seeds and every
            past finding). This second execution fuzzes each target for the time its @FuzzTest allows,
            one JVM per class, as Jazzer fuzzes one test per JVM.
          -->
          <execution>
            <id>fuzz-bounded</id>
            <phase>test</phase>
            <goals><goal>test</goal></goals>
            <configuration>
              <includes><include>**/*FuzzTest.java</include></includes>
              <reuseForks>false</reuseForks>
              <forkCount>1</forkCount>
              <!-- Jazzer's corpus and instrumentation live in the same heap as the target -->
              <argLine>-Xmx2g</argLine>
              <environmentVariables><JAZZER_FUZZ>1</JAZZER_FUZZ></environmentVariables>
              <reportNameSuffix>fuzz</reportNameSuffix>
            </configuration>
          </execution>
        </executions>
      </plugin>
      <!-- testing helpers (LocalRedis, SharedFiles, Json) and test resources for the other modules' tests -->
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-jar-plugin</artifactId>
        <executions>
          <execution>
            <goals><goal>test-jar</goal></goals>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
EOF

cat > "$REPORTS/pom.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>io.fragscope</groupId>
    <artifactId>fragscope-parent</artifactId>
    <version>0.1.0</version>
  </parent>

  <artifactId>fragscope-reports</artifactId>
  <name>fragscope-reports</name>
  <description>Report renderers: XLSX (POI, streamed), CSV, JSON, summary.md, fragscope.prom; message bundles</description>

  <dependencies>
    <dependency>
      <groupId>io.fragscope</groupId>
      <artifactId>fragscope-core</artifactId>
    </dependency>
    <dependency>
      <groupId>org.apache.commons</groupId>
      <artifactId>commons-csv</artifactId>
    </dependency>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-core</artifactId>
    </dependency>
    <dependency>
      <groupId>org.apache.poi</groupId>
      <artifactId>poi-ooxml</artifactId>
    </dependency>

    <dependency>
      <groupId>io.fragscope</groupId>
      <artifactId>fragscope-core</artifactId>
      <type>test-jar</type>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>
EOF

cat > "$CLI/pom.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>io.fragscope</groupId>
    <artifactId>fragscope-parent</artifactId>
    <version>0.1.0</version>
  </parent>

  <artifactId>fragscope-cli</artifactId>
  <name>fragscope-cli</name>
  <description>The fragscope command line, shaded into the runnable target/fragscope.jar at the repository root</description>

  <dependencies>
    <dependency>
      <groupId>io.fragscope</groupId>
      <artifactId>fragscope-core</artifactId>
    </dependency>
    <dependency>
      <groupId>io.fragscope</groupId>
      <artifactId>fragscope-reports</artifactId>
    </dependency>
    <dependency>
      <groupId>commons-cli</groupId>
      <artifactId>commons-cli</artifactId>
    </dependency>
    <dependency>
      <groupId>me.tongfei</groupId>
      <artifactId>progressbar</artifactId>
    </dependency>

    <dependency>
      <groupId>io.fragscope</groupId>
      <artifactId>fragscope-core</artifactId>
      <type>test-jar</type>
      <scope>test</scope>
    </dependency>
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-jar-plugin</artifactId>
        <configuration>
          <archive>
            <manifest>
              <mainClass>io.fragscope.cli.Main</mainClass>
              <addDefaultImplementationEntries>true</addDefaultImplementationEntries>
            </manifest>
          </archive>
        </configuration>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-shade-plugin</artifactId>
        <executions>
          <execution>
            <phase>package</phase>
            <goals><goal>shade</goal></goals>
            <configuration>
              <!-- the README's `java -jar target/fragscope.jar` runs from the repository root -->
              <outputFile>${fragscope.root}/target/fragscope.jar</outputFile>
              <createDependencyReducedPom>false</createDependencyReducedPom>
              <filters>
                <filter>
                  <artifact>*:*</artifact>
                  <excludes>
                    <exclude>META-INF/*.SF</exclude>
                    <exclude>META-INF/*.DSA</exclude>
                    <exclude>META-INF/*.RSA</exclude>
                    <exclude>META-INF/versions/*/module-info.class</exclude>
                    <exclude>module-info.class</exclude>
                  </excludes>
                </filter>
              </filters>
              <transformers>
                <transformer implementation="org.apache.maven.plugins.shade.resource.ServicesResourceTransformer"/>
                <transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer">
                  <mainClass>io.fragscope.cli.Main</mainClass>
                  <manifestEntries>
                    <Multi-Release>true</Multi-Release>
                  </manifestEntries>
                </transformer>
              </transformers>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
EOF
echo "split: $(git ls-files $CORE | wc -l) files in $CORE, $(git ls-files $REPORTS | wc -l) in $REPORTS, $(git ls-files $CLI | wc -l) in $CLI"
