using System.Reflection;
using System.Runtime.CompilerServices;

namespace Connect.Fulfillment.Tests.Conventions;

/// <summary>Cheap, durable rules about the library's public surface, checked by reflection.</summary>
public class PublicApiConventionTests
{
    private static readonly Assembly Library = typeof(ConnectClient).Assembly;

    private static IEnumerable<Type> PublicTypes => Library.GetExportedTypes();

    [Test]
    public void Every_public_async_method_ends_with_an_optional_cancellationToken()
    {
        var offenders = new List<string>();
        var checkedCount = 0;
        foreach (var type in PublicTypes)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.IsSpecialName || !IsAsync(method.ReturnType))
                {
                    continue;
                }

                checkedCount++;
                var last = method.GetParameters().LastOrDefault();
                if (last is null || last.ParameterType != typeof(CancellationToken) || last.Name != "cancellationToken" || !last.HasDefaultValue)
                {
                    offenders.Add($"{type.FullName}.{method.Name}");
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(checkedCount, Is.GreaterThan(20), "the rule should have seen the client's methods");
            Assert.That(offenders, Is.Empty);
        });
    }

    [Test]
    public void Public_models_have_no_public_setters()
    {
        var offenders = PublicTypes
            .Where(t => t.Namespace == "Connect.Fulfillment.Models")
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(p => p.DeclaringType?.Assembly == Library && p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(PublicTypes.Count(t => t.Namespace == "Connect.Fulfillment.Models"), Is.GreaterThan(10));
            Assert.That(offenders, Is.Empty);
        });
    }

    [Test]
    public void Public_models_expose_lists_read_only()
    {
        var offenders = PublicTypes
            .Where(t => t.Namespace == "Connect.Fulfillment.Models")
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() is var definition
                && (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Serialization_and_internals_have_no_public_type()
    {
        var offenders = PublicTypes
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("Connect.Fulfillment.Serialization", StringComparison.Ordinal) || ns.Contains(".Internal", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(offenders, Is.Empty);
            Assert.That(PublicTypes.Select(t => t.Name), Has.None.EqualTo("ConnectResilience").And.None.EqualTo("ConnectClientOptionsValidator").And.None.EqualTo("FulfillmentPipelineOptionsValidator"));
        });
    }

    [Test]
    public void A_handler_author_finds_the_models_and_lookups_in_one_namespace()
    {
        var models = PublicTypes.Where(t => t.Namespace == "Connect.Fulfillment.Models").Select(t => t.Name).ToList();

        Assert.That(models, Is.SupersetOf(new[]
        {
            "FulfillmentRequest", "TierConfigRequest", "Parameter", "ParameterLookupExtensions", "ItemLookupExtensions",
            "ParameterValueExtensions", "ParameterNotFoundException", "ItemChanges", "ConnectJson",
        }));
    }

    [Test]
    public void No_test_or_web_server_type_leaks_into_the_public_API()
    {
        static bool Banned(Type type)
        {
            var name = type.FullName ?? type.Name;
            return name.StartsWith("WireMock", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || name.StartsWith("NUnit", StringComparison.Ordinal)
                || (type.IsGenericType && type.GetGenericArguments().Any(Banned))
                || (type.HasElementType && Banned(type.GetElementType()!));
        }

        var offenders = new List<string>();
        foreach (var type in PublicTypes)
        {
            var used = new List<Type>();
            if (type.BaseType is { } baseType)
            {
                used.Add(baseType);
            }

            used.AddRange(type.GetInterfaces());
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                switch (member)
                {
                    case MethodInfo method:
                        used.Add(method.ReturnType);
                        used.AddRange(method.GetParameters().Select(p => p.ParameterType));
                        break;
                    case ConstructorInfo constructor:
                        used.AddRange(constructor.GetParameters().Select(p => p.ParameterType));
                        break;
                    case PropertyInfo property:
                        used.Add(property.PropertyType);
                        break;
                    case FieldInfo field:
                        used.Add(field.FieldType);
                        break;
                }
            }

            offenders.AddRange(used.Where(Banned).Select(u => $"{type.FullName} uses {u.FullName}"));
        }

        var references = Library.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(offenders, Is.Empty);
            Assert.That(references, Has.None.StartsWith("WireMock").And.None.StartsWith("Microsoft.AspNetCore").And.None.StartsWith("nunit"));
        });
    }

    private static bool IsAsync(Type type)
    {
        if (type == typeof(Task) || type == typeof(ValueTask))
        {
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(IAsyncEnumerable<>);
    }

    private static bool IsInitOnly(MethodInfo setter)
        => setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
