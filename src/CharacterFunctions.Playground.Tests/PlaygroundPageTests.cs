using System.Text;
using CharacterFunctions.Playground.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CharacterFunctions.Playground.Tests;

/// <summary>The page itself: served at /, labelled for assistive technology, problems shown to the user.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundPageTests(PlaygroundFixture fixture)
{
    [Fact]
    public async Task EveryFormControl_OnLoad_HasAnAccessibleLabelAndTheTranscriptIsALiveLog()
    {
        var page = new PlaygroundPage(await fixture.NewPageAsync());
        await page.OpenAsync();

        var unlabelled = await page.Page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('input, select, textarea, button')]
              .filter(el => !(el.labels?.length > 0) && !el.getAttribute('aria-label') && !el.textContent.trim())
              .map(el => el.outerHTML)
            """);
        Assert.Empty(unlabelled);
        await Expect(page.Transcript).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(page.Page.GetByRole(AriaRole.Status)).ToHaveAttributeAsync("aria-live", "polite");
        await page.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task ImportCard_NotACard_ShowsTheProblemAndAddsNoCharacter()
    {
        var page = new PlaygroundPage(await fixture.NewPageAsync());
        await page.OpenAsync();
        var before = await page.Page.GetByRole(AriaRole.List, new() { Name = "Stored characters" }).Locator("li").CountAsync();

        await page.Page.GetByLabel("Card file").SetInputFilesAsync(new FilePayload
        {
            Name = "not-a-card.json",
            MimeType = "application/json",
            Buffer = Encoding.UTF8.GetBytes("{ \"hello\": \"world\" }"),
        });
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        // Whatever the host answers (no import route yet: 405 from PUT/GET /characters/{id}; with it: 400), the user sees the problem.
        await Expect(page.Alert).ToBeVisibleAsync();
        await Expect(page.Alert).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^Importing card: 4[0-9][0-9] "));
        await Expect(page.Page.GetByRole(AriaRole.List, new() { Name = "Stored characters" }).Locator("li")).ToHaveCountAsync(before);
        await page.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task SaveCharacter_WrongOperatorKey_ShowsUnauthorizedProblemAndKeyStaysInThisTabOnly()
    {
        var page = new PlaygroundPage(await fixture.NewPageAsync());
        await page.OpenAsync();
        await page.Page.GetByLabel("Operator key", new() { Exact = true }).FillAsync("not-the-key");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();

        var form = page.Page.Locator("#character-form");
        await form.GetByLabel("Id").FillAsync("never-stored");
        await form.GetByLabel("Name").FillAsync("Never");
        await form.GetByLabel("System prompt").FillAsync("You are nobody.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save character" }).ClickAsync();

        await Expect(page.Alert).ToContainTextAsync("Saving character: 401");
        Assert.Equal("not-the-key", await page.Page.EvaluateAsync<string>("sessionStorage.getItem('cf.operatorKey')"));
        Assert.Equal(0, await page.Page.EvaluateAsync<int>("localStorage.length"));
        await page.Page.Context.CloseAsync();
    }
}
