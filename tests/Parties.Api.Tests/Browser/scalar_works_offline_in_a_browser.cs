using Microsoft.Playwright;
using Parties.Api.Tests.Infrastructure;
using Shouldly;

namespace Parties.Api.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright (no browser download): the API reference must work with no internet.</summary>
public class scalar_works_offline_in_a_browser(RunningApp app) : IClassFixture<RunningApp>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task scalar_shows_every_dialect_and_the_admin_api_and_calls_no_other_host()
    {
        File.Exists(Chromium).ShouldBeTrue("Debian's chromium is required: deploy/local/test.sh installs it");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        var appHost = new Uri(app.Url).Authority;
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (uri.Scheme is "http" or "https" && uri.Authority != appHost) lock (outside) outside.Add(request.Url);
        };

        await page.GotoAsync($"{app.Url}/scalar", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        // Scalar lists each operation by its summary under its tag, and opens the first tag (Parties).
        await Summary(page, "List parties").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        // The other tags are closed sidebar groups; open each to list its operations.
        foreach (var (group, summary) in new[]
                 {
                     ("Vendors", "Update a vendor, field by field"),
                     ("Suppliers", "Create a batch of suppliers"),
                     ("History", "Read the change feed"),
                     ("Admin", "Create an organization"),
                 })
        {
            var open = page.GetByText($"Open Group - {group}", new PageGetByTextOptions { Exact = true });
            (await open.CountAsync()).ShouldBe(1, $"Scalar has no {group} group");
            await open.DispatchEventAsync("click");
            await Summary(page, summary).WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        }
        outside.ShouldBeEmpty();
    }

    private static ILocator Summary(IPage page, string summary) =>
        page.GetByText(summary, new PageGetByTextOptions { Exact = true }).First;
}
