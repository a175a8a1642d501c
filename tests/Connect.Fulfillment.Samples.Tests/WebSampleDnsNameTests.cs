using System.Text;
using System.Text.RegularExpressions;
using Connect.Fulfillment.AspNetCore;
using Connect.Fulfillment.Models;
using Connect.Fulfillment.Samples.Web;

namespace Connect.Fulfillment.Samples.Tests;

/// <summary>The web sample's DNS name rule (<see cref="DnsName"/>) and the validator built on it, without a server.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed partial class WebSampleDnsNameTests
{
    [TestCase("example.com")]
    [TestCase("EXAMPLE.COM")]
    [TestCase("Mail.Contoso.Co.Uk")]
    [TestCase("a.io")]
    [TestCase("1.2.3.example.com")]
    [TestCase("0-0.example.com")]
    [TestCase("a--b.example.net")]
    [TestCase("xn--bcher-kva.de")]
    [TestCase("localhost")]
    [TestCase("io")]
    public void Valid_names(string name) => Assert.That(DnsName.Problem(name), Is.Null);

    [TestCase(null, "Enter a domain name, such as example.com.")]
    [TestCase("", "Enter a domain name, such as example.com.")]
    [TestCase("example.com.", "The domain name ends with a dot; leave the final dot out (example.com, not example.com.).")]
    [TestCase(".", "The domain name ends with a dot; leave the final dot out (example.com, not example.com.).")]
    [TestCase(".example.com", "The domain name starts with a dot; remove it.")]
    [TestCase("example..com", "The domain name has two dots in a row; each part between dots must have at least one character.")]
    [TestCase("-shop.example.com", "The part '-shop' starts with a hyphen; a part may not start or end with one.")]
    [TestCase("shop-.example.com", "The part 'shop-' ends with a hyphen; a part may not start or end with one.")]
    [TestCase("shop.example.-com", "The part '-com' starts with a hyphen; a part may not start or end with one.")]
    [TestCase("-", "The part '-' starts with a hyphen; a part may not start or end with one.")]
    [TestCase("shop_1.example.com", "The domain name contains an underscore ('_'), which is not allowed: use only letters a-z, digits 0-9, hyphens and dots.")]
    [TestCase("my shop.com", "The domain name contains a space, which is not allowed: use only letters a-z, digits 0-9, hyphens and dots.")]
    [TestCase("shop@example.com", "The domain name contains '@', which is not allowed: use only letters a-z, digits 0-9, hyphens and dots.")]
    [TestCase("example.c", "The domain name must end with a top-level domain of at least two letters (such as .com or .io); 'c' is not one.")]
    [TestCase("example.c0m", "The domain name must end with a top-level domain of at least two letters (such as .com or .io); 'c0m' is not one.")]
    [TestCase("example.123", "The domain name must end with a top-level domain of at least two letters (such as .com or .io); '123' is not one.")]
    [TestCase("example.xn--p1ai", "The domain name must end with a top-level domain of at least two letters (such as .com or .io); 'xn--p1ai' is not one.")]
    [TestCase("x", "The domain name must end with a top-level domain of at least two letters (such as .com or .io); 'x' is not one.")]
    public void Invalid_names_say_why(string? name, string problem) => Assert.That(DnsName.Problem(name), Is.EqualTo(problem));

    [TestCase("bücher.de", "'ü' (U+00FC; write an internationalized name in its xn-- form)")]
    [TestCase("shop\u200b.com", "the invisible character U+200B")]
    [TestCase("shop\u00a0.com", "the invisible character U+00A0")]
    [TestCase("shop\t.com", "the invisible character U+0009")]
    [TestCase("shop\u202e.com", "the invisible character U+202E")]
    [TestCase("shop\U0001F600.com", "'\U0001F600' (U+1F600; write an internationalized name in its xn-- form)")]
    public void A_character_outside_ASCII_or_invisible_is_named_by_its_code_point(string name, string named)
        => Assert.That(DnsName.Problem(name), Is.EqualTo($"The domain name contains {named}, which is not allowed: use only letters a-z, digits 0-9, hyphens and dots."));

    [Test]
    public void A_label_may_have_63_characters_but_not_64()
    {
        Assert.That(DnsName.Problem(new string('a', 63) + ".com"), Is.Null);
        Assert.That(DnsName.Problem("shop." + new string('a', 64) + ".com"), Is.EqualTo($"The part '{new string('a', 20)}…' is 64 characters long; each part between dots may have at most 63."));
    }

    [Test]
    public void A_name_may_have_253_characters_but_not_254()
    {
        Assert.That(DnsName.Problem(WebSampleValidationTests.NameOfLength(253)), Is.Null);
        Assert.That(DnsName.Problem(WebSampleValidationTests.NameOfLength(254)), Is.EqualTo("The domain name is 254 characters long; it may have at most 253."));
        Assert.That(DnsName.Problem(WebSampleValidationTests.NameOfLength(253) + "."), Does.StartWith("The domain name is 254 characters long"), "the length counts the trailing dot");
    }

    [Test]
    public void Upper_and_lower_case_are_the_same_name()
    {
        foreach (var name in new[] { "example.com", "Example.Com", "EXAMPLE.COM", "eXaMpLe.CoM" })
        {
            Assert.That(DnsName.IsValid(name), Is.True, name);
        }
    }

    [Test]
    public void The_rule_agrees_with_a_reference_expression_on_random_strings()
    {
        // Seeded: the same 20,000 strings of letters, digits, hyphens, dots and a few refused characters on every run.
        var random = new Random(15);
        const string Alphabet = "aZ9-.-._ é";
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 12);
            for (var i = 0; i < length; i++)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var name = text.ToString();
            Assert.That(DnsName.IsValid(name), Is.EqualTo(Reference().IsMatch(name)), $"'{name}'");
        }
    }

    [TestCase("bad_domain.com", "", "underscore")]
    [TestCase("example.com", "stale error", "")]
    public void The_validator_sets_or_clears_the_error_of_customer_domain(string value, string earlierError, string expected)
    {
        var context = Context(value, earlierError);

        new CustomerDomainValidator().ValidateAsync(context).GetAwaiter().GetResult();

        Assert.That(context.GetError("customer_domain"), expected.Length == 0 ? Is.Empty : Does.Contain(expected));
        Assert.That(context.ChangedParameterIds, Is.EqualTo(new[] { "customer_domain" }));
    }

    [Test]
    public async Task The_validator_leaves_a_valid_value_without_error_and_a_request_without_the_parameter_alone()
    {
        var valid = Context("example.com", string.Empty);
        var without = new FulfillmentValidationContext(ConnectValidationKind.DraftPurchase, ConnectJson.DeserializeRequest(WebSampleDrafts.Fixture().ToJsonString()));

        await new CustomerDomainValidator().ValidateAsync(valid);
        await new CustomerDomainValidator().ValidateAsync(without);

        Assert.That(valid.ChangedParameterIds, Is.Empty);
        Assert.That(without.ChangedParameterIds, Is.Empty);
    }

    private static FulfillmentValidationContext Context(string value, string earlierError)
        => new(ConnectValidationKind.DraftPurchase, ConnectJson.DeserializeRequest(WebSampleDrafts.WithDomain(value, earlierError).ToJsonString()));

    // Labels of letters, digits and inner hyphens (1-63), joined by dots, at most 253 in all, the last one letters only (2+).
    [GeneratedRegex(@"^(?=.{1,253}$)(?:(?!-)[A-Za-z0-9-]{1,63}(?<!-)\.)*[A-Za-z]{2,63}$")]
    private static partial Regex Reference();
}
