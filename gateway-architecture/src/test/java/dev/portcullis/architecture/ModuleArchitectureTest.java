package dev.portcullis.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of the architecture picture ("Modules: where the code is going"), checked over the main
 * classes of the library modules: no tests, no examples, no benchmarks. A class belongs to a module by its package
 * root (see {@link LibraryModule}). Every rule names the offending classes and dependencies when it fails.
 */
@DisplayName("The library's modules")
class ModuleArchitectureTest {

    /** Packages the JDK ships: {@code java..} (primitives and arrays of them count as {@code java.lang}). */
    private static final String[] JDK = {"java.."};

    private static final String SLF4J = "org.slf4j..";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClassesOfTheLibraryModules() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(LibraryModule.packageRoots());
    }

    @Test
    @DisplayName("are all on the analysed classpath, so that no rule passes on an empty module")
    void everyLibraryModuleIsAnalysed() {
        Set<LibraryModule> missing = EnumSet.allOf(LibraryModule.class);
        classes.forEach(javaClass -> LibraryModule.of(javaClass.getPackageName()).ifPresent(missing::remove));
        assertTrue(missing.isEmpty(), () -> "no main classes imported for " + missing
                + ": add the module as a test dependency of gateway-architecture");
    }

    @Test
    @DisplayName("1. form no package cycles")
    void noPackageTakesPartInACycle() {
        slices().matching("dev.portcullis.(**)")
                .namingSlices("package dev.portcullis.$1")
                .should().beFreeOfCycles()
                .because("a cycle between packages makes them one unit that cannot be split, moved or read alone")
                .check(classes);
    }

    @Test
    @DisplayName("2. gateway-api depends on the JDK only (plus SLF4J at most) and on no other Portcullis module")
    void apiDependsOnTheJdkOnly() {
        classes().that().resideInAPackage(LibraryModule.API.packages())
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        concat(JDK, SLF4J, LibraryModule.API.packages()))
                .because("a user who writes an interceptor needs gateway-api alone, with nothing else on the classpath")
                .check(classes);
    }

    @Test
    @DisplayName("2b. gateway-api signatures name JDK and gateway-api types only")
    void apiSignaturesExposeOnlyJdkAndApiTypes() {
        classes().that().resideInAPackage(LibraryModule.API.packages())
                .should(nameOnlyTypesIn(concat(JDK, LibraryModule.API.packages())))
                .because("third-party types never appear in gateway-api signatures (not even SLF4J's)")
                .check(classes);
    }

    @Test
    @DisplayName("3. gateway-core never depends on gateway-servlet, a feature module or the Jetty client")
    void coreNeverDependsOnServletFeaturesOrTheJettyClient() {
        noClasses().that().resideInAPackage(LibraryModule.CORE.packages())
                .should().dependOnClassesThat().resideInAnyPackage(
                        packagesOfAllBut(LibraryModule.API, LibraryModule.CORE))
                .because("the engine is container-neutral and knows features only through the api's SPIs")
                .check(classes);
    }

    @Test
    @DisplayName("4. feature modules depend on the api (and core) only, never on each other nor on gateway-servlet")
    void featureModulesNeverDependOnEachOtherNorOnServlet() {
        List<ArchRule> rules = new ArrayList<>();
        for (LibraryModule feature : LibraryModule.FEATURES) {
            rules.add(noClasses().that().resideInAPackage(feature.packages())
                    .should().dependOnClassesThat().resideInAnyPackage(
                            packagesOfAllBut(LibraryModule.API, LibraryModule.CORE, feature))
                    .because(feature + " keeps its feature and its third-party library to itself"));
        }
        CompositeArchRule.of(rules).check(classes);
    }

    @Test
    @DisplayName("5. use internal packages only inside their own module")
    void internalPackagesAreNeverImportedAcrossModules() {
        classes().should(useOnlyTheInternalPackagesOfTheirOwnModule())
                .because("an internal package is free to change; only its own module may rely on it")
                .check(classes);
    }

    @Test
    @DisplayName("6. use Jakarta Servlet types only in gateway-servlet (and the test kit, which runs containers, and the "
            + "Spring Boot starter, which registers the filter)")
    void jakartaServletTypesAppearOnlyInServlet() {
        noClasses().that().resideOutsideOfPackages(LibraryModule.SERVLET.packages(), LibraryModule.TEST.packages(),
                        LibraryModule.SPRING_BOOT.packages())
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
                .because("only the servlet adapter knows the container; the engine runs without one")
                .check(classes);
    }

    @Test
    @DisplayName("6b. keep each third-party library in the module that owns it")
    void thirdPartyLibrariesStayInTheirModule() {
        CompositeArchRule.of(ownedBy(List.of(LibraryModule.AUTH, LibraryModule.TEST), "com.nimbusds.."))
                .and(ownedBy(List.of(LibraryModule.RATELIMIT), "io.github.bucket4j..", "io.lettuce.."))
                .and(ownedBy(List.of(LibraryModule.JSONSCHEMA), "com.networknt.."))
                .and(ownedBy(List.of(LibraryModule.JETTY_CLIENT), "org.eclipse.jetty.client.."))
                .and(ownedBy(List.of(LibraryModule.MICROMETER, LibraryModule.SPRING_BOOT), "io.micrometer.."))
                .and(ownedBy(List.of(LibraryModule.SPRING_BOOT), "org.springframework.."))
                .and(ownedBy(List.of(LibraryModule.OTEL), "io.opentelemetry.."))
                .and(ownedBy(List.of(LibraryModule.SERVLET, LibraryModule.TEST),
                        "org.eclipse.jetty.server..", "org.eclipse.jetty.ee10..", "org.apache.catalina..",
                        "org.apache.tomcat..", "org.apache.coyote.."))
                .and(ownedBy(List.of(LibraryModule.TEST), "org.junit..", "org.opentest4j.."))
                .check(classes);
    }

    @Test
    @DisplayName("7. gateway-servlet depends on the api and core only, never on a feature module")
    void servletNeverDependsOnAFeatureModule() {
        noClasses().that().resideInAPackage(LibraryModule.SERVLET.packages())
                .should().dependOnClassesThat().resideInAnyPackage(
                        packagesOfAllBut(LibraryModule.API, LibraryModule.CORE, LibraryModule.SERVLET))
                .because("a user mounts the gateway with gateway-servlet and adds only the features they use")
                .check(classes);
    }

    @Test
    @DisplayName("8. gateway-config reaches each feature module only from the package that maps it, never gateway-servlet")
    void configReachesEachFeatureOnlyFromItsMappingPackage() {
        String mapping = LibraryModule.CONFIG.packageRoot + ".internal.";
        CompositeArchRule.of(mappedOnlyBy(LibraryModule.AUTH, mapping + "auth"))
                .and(mappedOnlyBy(LibraryModule.RATELIMIT, mapping + "ratelimit"))
                .and(mappedOnlyBy(LibraryModule.JSONSCHEMA, mapping + "jsonschema"))
                .and(mappedOnlyBy(LibraryModule.JETTY_CLIENT, mapping + "jetty"))
                .and(noClasses().that().resideInAPackage(LibraryModule.CONFIG.packages())
                        .should().dependOnClassesThat().resideInAPackage(LibraryModule.SERVLET.packages())
                        .because("the configuration front end builds gateways and filters alike from gateway-core"))
                .check(classes);
    }

    @Test
    @DisplayName("9. gateway-test depends on the api, core and servlet only, never on a feature module")
    void testKitNeverDependsOnAFeatureModule() {
        noClasses().that().resideInAPackage(LibraryModule.TEST.packages())
                .should().dependOnClassesThat().resideInAnyPackage(packagesOfAllBut(
                        LibraryModule.API, LibraryModule.CORE, LibraryModule.SERVLET, LibraryModule.TEST))
                .because("the kit serves users of any feature set, and the feature modules' own tests use it "
                        + "(a dependency on one would be a reactor cycle)")
                .check(classes);
    }

    @Test
    @DisplayName("10. the Spring Boot starter reaches its optional modules (Micrometer, Actuator) only from the package "
            + "that maps each")
    void starterReachesEachOptionalModuleOnlyFromItsPackage() {
        String starter = LibraryModule.SPRING_BOOT.packageRoot;
        CompositeArchRule.of(noClasses().that().resideInAPackage(LibraryModule.SPRING_BOOT.packages())
                        .and().resideOutsideOfPackage(starter + ".metrics")
                        .should().dependOnClassesThat().resideInAnyPackage(LibraryModule.MICROMETER.packages(),
                                "io.micrometer..")
                        .because("Micrometer is optional for starter users; its auto-configuration is switched on by "
                                + "class presence"))
                .and(noClasses().that().resideInAPackage(LibraryModule.SPRING_BOOT.packages())
                        .and().resideOutsideOfPackage(starter + ".actuate")
                        .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot.actuate..",
                                "org.springframework.boot.health..")
                        .because("Actuator is optional for starter users; its auto-configuration is switched on by "
                                + "class presence"))
                .check(classes);
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * The feature modules are optional dependencies of gateway-config: only the package that maps a feature may name
     * its classes, and the loader reaches that package by class name only when a file uses the feature, so a user
     * without the module never loads a class that needs it.
     */
    private static ArchRule mappedOnlyBy(LibraryModule feature, String mappingPackage) {
        return noClasses().that().resideInAPackage(LibraryModule.CONFIG.packages())
                .and().resideOutsideOfPackage(mappingPackage)
                .should().dependOnClassesThat().resideInAPackage(feature.packages())
                .because(feature + " is optional for gateway-config users; only " + mappingPackage + " may use it");
    }

    private static ArchRule ownedBy(List<LibraryModule> owners, String... libraryPackages) {
        return noClasses().that().resideOutsideOfPackages(
                        owners.stream().map(LibraryModule::packages).toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(libraryPackages)
                .because(String.join(", ", libraryPackages) + " belong to " + owners);
    }

    /**
     * A class may depend on a Portcullis {@code ..internal..} package only if that package lies in the class's own
     * module. (Third-party internals, such as Jetty's {@code org.eclipse.jetty.server.internal}, are not ours to
     * rule on here.)
     */
    private static ArchCondition<JavaClass> useOnlyTheInternalPackagesOfTheirOwnModule() {
        return new ArchCondition<>("use only the internal packages of their own module") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<LibraryModule> originModule = LibraryModule.of(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (!isPortcullisInternal(target.getPackageName())) {
                        continue;
                    }
                    Optional<LibraryModule> targetModule = LibraryModule.of(target.getPackageName());
                    if (!targetModule.isPresent() || !targetModule.equals(originModule)) {
                        events.add(SimpleConditionEvent.violated(dependency,
                                originModule.map(Object::toString).orElse(origin.getPackageName()) + " uses "
                                        + targetModule.map(Object::toString).orElse("an unknown module")
                                        + "'s internal " + target.getName() + ": " + dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static boolean isPortcullisInternal(String packageName) {
        return packageName.startsWith("dev.portcullis.")
                && Arrays.asList(packageName.split("\\.")).contains("internal");
    }

    /**
     * Every type named by a class's signatures (superclass, interfaces, fields, parameters, return types, thrown
     * exceptions, type parameters and their bounds, generic arguments included) lies in one of the packages.
     */
    private static ArchCondition<JavaClass> nameOnlyTypesIn(String... packages) {
        return new ArchCondition<>("name only types in " + Arrays.toString(packages) + " in their signatures") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                checkTypes(javaClass, "type parameters", javaClass.getTypeParameters(), events);
                javaClass.getSuperclass().ifPresent(type -> checkTypes(javaClass, "superclass", List.of(type), events));
                checkTypes(javaClass, "interfaces", javaClass.getInterfaces(), events);
                for (JavaField field : javaClass.getFields()) {
                    checkTypes(field, "type", List.of(field.getType()), events);
                }
                for (JavaCodeUnit codeUnit : javaClass.getCodeUnits()) {
                    checkTypes(codeUnit, "type parameters", codeUnit.getTypeParameters(), events);
                    checkTypes(codeUnit, "parameters", codeUnit.getParameterTypes(), events);
                    checkTypes(codeUnit, "return type", List.of(codeUnit.getReturnType()), events);
                    checkTypes(codeUnit, "throws clause", codeUnit.getThrowsClause().getTypes(), events);
                }
            }

            private void checkTypes(
                    Object owner, String part, Collection<? extends JavaType> types, ConditionEvents events) {
                Set<String> foreign = new TreeSet<>();
                for (JavaType type : types) {
                    for (JavaClass raw : type.getAllInvolvedRawTypes()) {
                        JavaClass base = raw.getBaseComponentType();
                        if (!resideInAnyPackage(packages).test(base)) {
                            foreign.add(base.getName());
                        }
                    }
                }
                if (!foreign.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(owner,
                            describe(owner) + " names " + foreign + " in its " + part));
                }
            }
        };
    }

    private static String describe(Object owner) {
        if (owner instanceof JavaClass) {
            return "Class <" + ((JavaClass) owner).getName() + ">";
        }
        if (owner instanceof JavaCodeUnit) {
            return "Member <" + ((JavaCodeUnit) owner).getFullName() + ">";
        }
        return "Field <" + ((JavaField) owner).getFullName() + ">";
    }

    private static String[] packagesOfAllBut(LibraryModule... allowed) {
        Set<LibraryModule> others = EnumSet.allOf(LibraryModule.class);
        others.removeAll(Arrays.asList(allowed));
        return others.stream().map(LibraryModule::packages).toArray(String[]::new);
    }

    private static String[] concat(String[] first, String... rest) {
        return Arrays.stream(new String[][] {first, rest}).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
