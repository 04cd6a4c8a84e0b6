using SushOps.Inventories;
using SushOps.Studio;

namespace SushOps.Tests.Inventories;

public class ChefReviewTests
{
    [Fact]
    public void A_chefs_limits_replace_only_the_role_limits_it_names()
    {
        var inventory = InventoryLoader.Parse(
            new StringReader("chef_name,repo_url,command,review\n"
                             + "vid,https://h.example/v.git,run,\"max_size_change=50; max_resource_loss=2.5\"\n"
                             + "plain,https://h.example/p.git,run,\n"),
            "inventory.csv",
            "/srv");
        var role = new ReviewRules(MaxResourceChange: 15);

        Assert.Equal(new ReviewRules(15, 2.5, 50), role.With(inventory.Find("vid")!.Review));
        Assert.Equal(role, role.With(inventory.Find("plain")!.Review));
    }

    [Theory]
    [InlineData("max_size=50", "\"max_size=50\" is not a review limit; write key=percent pairs with the keys")]
    [InlineData("max_size_change=lots", "\"max_size_change=lots\" is not a review limit")]
    [InlineData("max_size_change=5000", "max_size_change=5000 is more than 1000 percent")]
    [InlineData("max_size_change=5 max_size_change=6", "max_size_change is given twice")]
    public void A_bad_review_cell_is_reported_with_its_row_and_column(string cell, string expected)
    {
        var e = Assert.Throws<InventoryException>(() => InventoryLoader.Parse(
            new StringReader($"chef_name,repo_url,command,review\nvid,https://h.example/v.git,run,{cell}\n"),
            "inventory.csv",
            "/srv"));

        var error = Assert.Single(e.Errors);
        Assert.Equal((2, "review"), (error.Row, error.Column));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_review_is_written_back_as_it_reads()
    {
        var review = ChefReview.TryParse("max_resource_change=12, max_size_change=40", out _);

        Assert.Equal("max_resource_change=12, max_size_change=40", review!.ToString());
        Assert.Equal(review, ChefReview.TryParse(review.ToString(), out _));
    }
}
