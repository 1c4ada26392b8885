using Xunit.Abstractions;
using Xunit.Sdk;

namespace CharacterFunctions.Storage.Tests.Infrastructure;

/// <summary>
/// A contract fact. Contract tests are declared once on an abstract base and inherited by one
/// subclass per store, so whether a test can run depends on the concrete class, not the method:
/// the discoverer consults <see cref="RequiresAzuriteAttribute"/> on the class being run.
/// </summary>
[XunitTestCaseDiscoverer("CharacterFunctions.Storage.Tests.Infrastructure.StoreFactDiscoverer", "CharacterFunctions.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Marks a contract subclass whose store lives in Azurite.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresAzuriteAttribute : Attribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new StoreTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

/// <summary>A test case whose skip reason is computed for the concrete test class (also after deserialisation).</summary>
public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, options, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var needsAzurite = TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresAzuriteAttribute)).Any();
        return (needsAzurite ? Azurite.SkipReason : null) ?? base.GetSkipReason(factAttribute);
    }
}
