using System.Net.Http.Headers;

namespace Connect.Fulfillment.Samples;

/// <summary>One call to the vendor API as every sample adapter makes it: JSON accepted, the answer read within the client's limit, the bearer key masked.</summary>
internal static class VendorExchange
{
    public static async Task<VendorResponse> SendAsync(HttpClient http, SecretMask secrets, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new VendorResponse(response.StatusCode, secrets.Apply(text));
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            // The HTTP stack's text does not say whose limit it is.
            throw new HttpRequestException(
                HttpRequestError.ConfigurationLimitExceeded,
                $"the vendor's answer is larger than {http.MaxResponseContentBufferSize} bytes, the most the sample reads; it was not read",
                ex);
        }
    }
}
